import BangtinContent
import BangtinCore
import Foundation

/// A published bundle folder on a mounted USB stick (or any local folder). Every file must be a
/// regular file inside the folder after symlinks: a link on the stick pointing elsewhere on the
/// board is refused.
final class FolderSource: BundleSource {
    let root: String
    private(set) var wireBytes: Int64 = 0

    init(root: String) { self.root = root }

    var description: String { root }

    func manifest(etag: String?) throws(SourceFailure) -> ManifestFetch {
        let path = root + "/manifest.json"
        do {
            let bytes = try ContentFile.read(path, kind: .manifest, inside: root, folder: "the source folder")
            wireBytes += Int64(bytes.count)
            return .fetched(bytes: bytes, etag: nil, date: nil)
        } catch {
            if error.description == "file not found" { throw .link("\(path): no manifest.json (is the stick mounted?)") }
            throw .refused(.unsafeSource(path: path, reason: error.description))
        }
    }

    func fetch(into part: PartFile, progress: (Int64) -> Void) throws(SourceFailure) {
        let path = root + "/files/" + part.expected.sha256
        let start = part.size
        var readBytes: Int64 = 0
        do {
            try ContentFile.withOpenFile(path, kind: .bundleFile, inside: root, folder: "the source folder") {
                descriptor, size throws(ContentFile.Refusal) in
                guard Int64(size) == part.expected.size else {
                    throw ContentFile.Refusal(
                        description: "is \(size) bytes, the manifest says \(part.expected.size) (\(part.expected.path))")
                }
                lseek(descriptor, off_t(start), SEEK_SET)
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while part.size < part.expected.size {
                    let got = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { throw ContentFile.Refusal(description: String(cString: strerror(errno))) }
                    if got == 0 { break }
                    let ok = buffer.withUnsafeBytes { part.append(UnsafeRawBufferPointer(rebasing: $0[..<got])) }
                    guard ok else { break }
                    readBytes += Int64(got)
                    progress(Int64(got))
                }
            }
        } catch {
            wireBytes += readBytes
            if error.description == "file not found" {
                throw .refused(.unsafeSource(path: path, reason: "missing (\(part.expected.path))"))
            }
            throw .refused(.unsafeSource(path: path, reason: error.description))
        }
        wireBytes += readBytes
        if part.overran {
            throw .refused(.fileMismatch(path: part.expected.path, reason: "is longer than the manifest says"))
        }
    }
}
