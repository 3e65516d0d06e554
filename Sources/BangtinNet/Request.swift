/// One GET: the URL and what makes it conditional or partial.
public struct Request: Sendable {
    /// An http, https or file URL.
    public var url: String
    /// Resume from this byte: sends "Range: bytes=N-" (a server that honours it answers 206).
    public var rangeFrom: Int64? = nil
    /// The ETag of the copy already held: sends "If-None-Match: <etag>" (unchanged: 304).
    public var ifNoneMatch: String? = nil
    /// Extra header lines, "Name: value".
    public var headers: [String] = []
    /// The longest the whole transfer may take, in seconds (nil: no limit but the low-speed
    /// one): a server trickling just above the low-speed limit cannot hold a board for days.
    public var timeoutSeconds: Int? = nil

    /// A plain GET of `url`, optionally resumed at `rangeFrom` or conditional on `ifNoneMatch`.
    public init(url: String, rangeFrom: Int64? = nil, ifNoneMatch: String? = nil, headers: [String] = []) {
        self.url = url
        self.rangeFrom = rangeFrom
        self.ifNoneMatch = ifNoneMatch
        self.headers = headers
    }
}

/// What came back before the body: status and headers of the final response (after redirects).
public struct ResponseHead: Sendable, Equatable {
    /// The HTTP status; 0 for file:// URLs.
    public var status: Int
    /// Header values by lowercased name; of a repeated header, the last value.
    public var headers: [String: String]

    /// A head with `status` and `headers` (names are lowercased).
    public init(status: Int, headers: [String: String] = [:]) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
    }

    /// The value of header `name`, whatever its case.
    public subscript(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A finished transfer: the final response's head and what crossed the link.
public struct Response: Sendable {
    /// Status and headers of the final response; a 304, 206 or 416 lands here too.
    public var head: ResponseHead
    /// Body bytes received, as delivered to the sink.
    public var bodyBytes: Int64
    /// Bytes on the link: request bytes sent, header bytes and body bytes received (redirects
    /// included), what a metered SIM is billed for, give or take TCP and TLS.
    public var wireBytes: Int64

    /// A response of `head` after `bodyBytes` of body and `wireBytes` in all.
    public init(head: ResponseHead, bodyBytes: Int64, wireBytes: Int64) {
        self.head = head
        self.bodyBytes = bodyBytes
        self.wireBytes = wireBytes
    }
}
