/// The caller's closures and what has arrived so far, for one request: what curl's C callbacks
/// reach through their user-data pointer.
final class Receiver {
    let onHead: (ResponseHead) -> Bool
    let onBody: (UnsafeRawBufferPointer) -> Bool
    /// Status of the response whose headers are being read (the last status line seen).
    private(set) var status: Int?
    /// Its headers so far, by lowercased name.
    private(set) var headers: [String: String] = [:]
    /// The head given to `onHead`, once it has been.
    private(set) var head: ResponseHead?
    /// Body bytes given to `onBody`.
    private(set) var bodyBytes: Int64 = 0
    /// Whether a closure asked to stop.
    private(set) var stopped = false

    init(onHead: @escaping (ResponseHead) -> Bool, onBody: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.onHead = onHead
        self.onBody = onBody
    }

    /// One header line, CRLF included. A status line starts a new response (a redirect, a
    /// 100 Continue, a proxy's CONNECT reply): the headers before it were not the final ones.
    func headerLine(_ bytes: UnsafeRawBufferPointer) {
        guard head == nil else { return }  // trailers after the body
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        while let last = line.last, last == "\r\n" || last == "\n" || last == "\r" { line = line.dropLast() }
        if line.hasPrefix("HTTP/") {
            status = line.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingSpaces.lowercased()
            guard !name.isEmpty else { return }
            headers[name] = String(line[line.index(after: colon)...].trimmingSpaces)
        }
    }

    /// One piece of body; false stops the transfer.
    func body(_ piece: UnsafeRawBufferPointer) -> Bool {
        if head == nil {
            let first = ResponseHead(status: status ?? 0, headers: headers)
            head = first
            guard onHead(first) else {
                stopped = true
                return false
            }
        }
        guard !piece.isEmpty else { return true }
        guard onBody(piece) else {
            stopped = true
            return false
        }
        bodyBytes += Int64(piece.count)
        return true
    }

    /// Called when a response without body ends, with the head built from what arrived.
    func finish(_ final: ResponseHead) -> Bool {
        head = final
        stopped = !onHead(final)
        return !stopped
    }

    /// CURLOPT_HEADERFUNCTION: each header line, to the receiver in `userdata`.
    static let headerCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, userdata in
        let length = size * count
        let receiver = Unmanaged<Receiver>.fromOpaque(userdata!).takeUnretainedValue()
        receiver.headerLine(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
        return length
    }

    /// CURLOPT_WRITEFUNCTION: each piece of body; a short count tells curl to stop.
    static let bodyCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, userdata in
        let length = size * count
        let receiver = Unmanaged<Receiver>.fromOpaque(userdata!).takeUnretainedValue()
        let going = receiver.body(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
        return going ? length : (length == 0 ? 1 : 0)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
