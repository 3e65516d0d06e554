import BangtinCore
import BangtinNet
import Foundation

/// The provincial source over HTTP(S): `<base>/manifest.json` polled with If-None-Match,
/// `<base>/files/<sha256>` fetched with ranges. Any static server does.
final class HTTPSource: BundleSource {
    let base: String
    private let transfer: Transfer
    private(set) var wireBytes: Int64 = 0

    init(base: String, link: LinkOptions) throws(SourceFailure) {
        self.base = base.hasSuffix("/") ? base : base + "/"
        do {
            transfer = try Transfer(options: link)
        } catch {
            throw .link("\(error)")
        }
    }

    var description: String { base }

    func manifest(etag: String?) throws(SourceFailure) -> ManifestFetch {
        var request = Request(url: base + "manifest.json")
        request.ifNoneMatch = etag
        request.timeoutSeconds = 120
        var body: [UInt8] = []
        var head: ResponseHead?
        let response: Response
        do {
            response = try transfer.fetch(
                request,
                onHead: { received in
                    head = received
                    return received.status == 200
                        || received.status == 304 || received.status == 0
                },
                onBody: { bytes in
                    guard body.count + bytes.count <= Limits.manifestBytes else { return false }
                    body.append(contentsOf: bytes)
                    return true
                })
        } catch {
            if error.kind == .stoppedByReceiver, let head {
                if head.status == 200 {
                    throw .refused(.unreadable("\(request.url) is over \(Limits.manifestBytes) bytes"))
                }
                throw .link("\(request.url): HTTP \(head.status)")
            }
            throw .link("\(error)")
        }
        wireBytes += response.wireBytes
        let date = response.head["date"].flatMap(HTTPDate.parse)
        if response.head.status == 304 { return .unchanged(date: date) }
        return .fetched(bytes: body, etag: response.head["etag"], date: date)
    }

    func fetch(into part: PartFile, progress: (Int64) -> Void) throws(SourceFailure) {
        let url = base + "files/" + part.expected.sha256
        var request = Request(url: url)
        let offset = part.size
        // At least 1 KB/s on average, whatever the low-speed limit lets through.
        request.timeoutSeconds = 120 + Int((part.expected.size - offset) / 1_024)
        if offset > 0 { request.rangeFrom = offset }
        var problem: SourceFailure?
        // A 416 ("range not satisfiable") comes with an error page, which is not the file's.
        var discard = false
        let response: Response
        do {
            response = try transfer.fetch(
                request,
                onHead: { head in
                    switch head.status {
                    case 206:
                        guard let range = head["content-range"],
                            ContentRange.matches(range, from: offset, size: part.expected.size)
                        else {
                            // A range we did not ask for: start again from zero rather than guess.
                            do { try part.restart() } catch { problem = .link("\(error)") }
                            let range = head["content-range"].map { PrintableText.escaped($0, limit: 100) } ?? "none"
                            problem = problem ?? .link("\(url): unexpected Content-Range \(range)")
                            return false
                        }
                        return true
                    case 200:
                        if part.size > 0 {
                            do { try part.restart() } catch {
                                problem = .link("\(error)")
                                return false
                            }
                        }
                        return true
                    case 416:
                        discard = true
                        return true
                    case 404, 410:
                        problem = .refused(.fileMismatch(path: part.expected.path, reason: "the source has no \(url)"))
                        return false
                    default:
                        problem = .link("\(url): HTTP \(head.status)")
                        return false
                    }
                },
                onBody: { bytes in
                    if discard { return true }
                    let ok = part.append(bytes)
                    if ok { progress(Int64(bytes.count)) }
                    return ok
                })
        } catch {
            if part.overran {
                throw .refused(
                    .fileMismatch(path: part.expected.path, reason: "the source sent more bytes than the manifest says"))
            }
            if let problem { throw problem }
            throw .link("\(error)")
        }
        wireBytes += response.wireBytes
        if response.head.status == 416 && part.size != part.expected.size {
            // The server says our offset is past its end: what we hold is wrong; start again.
            do { try part.restart() } catch { throw .link("\(error)") }
            throw .link("\(url): HTTP 416 at byte \(offset); starting the file again")
        }
    }
}

/// `Content-Range: bytes START-END/TOTAL` checks.
enum ContentRange {
    static func matches(_ header: String, from offset: Int64, size: Int64) -> Bool {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes ") else { return false }
        let parts = text.dropFirst(6).split(separator: "/")
        guard parts.count == 2 else { return false }
        let bounds = parts[0].split(separator: "-")
        guard bounds.count == 2, let start = Int64(bounds[0]), let end = Int64(bounds[1]) else { return false }
        let total = Int64(parts[1])
        return start == offset && end < size && (total == nil || total == size)
    }
}

/// RFC 9110 `Date` values (IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`).
enum HTTPDate {
    static func parse(_ text: String) -> Instant? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        let iso = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month + 1, day, clock[0], clock[1], clock[2])
        guard let parsed = try? ISO8601.parse(iso) else { return nil }
        return ISO8601.instant(parsed) { _ in 0 }
    }
}
