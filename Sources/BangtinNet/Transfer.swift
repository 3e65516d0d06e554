import CNetShim

/// Owner of one curl easy handle: GETs over one board link, streamed to the caller, and PUTs
/// of whole files (`put`, in Transfer+Put.swift).
///
/// Blocking: run it off Swift's cooperative pool. Keep one for a whole sync run: the handle
/// keeps its connections open between requests, so files from one server share a connection.
public final class Transfer {
    private let handle: UnsafeMutableRawPointer
    /// curl's detail of the last failure (CURLOPT_ERRORBUFFER), owned with the handle.
    private let errorDetail: UnsafeMutablePointer<CChar>
    /// The link options every request of this transfer uses.
    public let options: LinkOptions

    /// Creates a handle set up for `options`.
    /// - Throws: `TransferError` (kind `.other`) when curl cannot be set up or refuses an option.
    public init(options: LinkOptions = LinkOptions()) throws(TransferError) {
        if let problem = CurlRuntime.start() {
            throw TransferError(url: "", message: problem, kind: .other)
        }
        guard let handle = cnet_curl_easy_init() else {
            throw TransferError(url: "", message: "curl_easy_init failed", kind: .other)
        }
        self.handle = handle
        errorDetail = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorDetail.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.options = options
        // Fully initialised: were this to throw, deinit frees the handle.
        try configure()
    }

    deinit {
        cnet_curl_easy_cleanup(handle)
        errorDetail.deallocate()
    }

    /// Fetches `request`, streaming the body to `onBody` (never buffered whole).
    ///
    /// `onHead` is called once with the final response's status and headers (after redirects):
    /// before the first body byte, or before returning when there is no body. Bodies of any
    /// status are delivered (a 404's page, a 416's explanation): check the status in `onHead`.
    /// Returning false from either closure stops the transfer. Always sends
    /// "Accept-Encoding: identity": a range over a compressed body would count compressed bytes.
    /// The handle stays usable after any outcome.
    /// - Parameters:
    ///   - request: What to fetch.
    ///   - onHead: Receives the final head; false stops.
    ///   - onBody: Receives each piece of the body, valid only during the call; false stops.
    /// - Returns: The head again with the byte counts.
    /// - Throws: `TransferError`; kind `.stoppedByReceiver` when a closure returned false.
    public func fetch(
        _ request: Request, onHead: (ResponseHead) -> Bool, onBody: (UnsafeRawBufferPointer) -> Bool
    ) throws(TransferError) -> Response {
        let outcome = withoutActuallyEscaping(onHead) { onHead in
            withoutActuallyEscaping(onBody) { onBody in
                let receiver = Receiver(onHead: onHead, onBody: onBody)
                return Result { () throws(TransferError) in try perform(request, receiver) }
            }
        }
        return try outcome.get()
    }

    /// Fetches `url` whole; returns the HTTP status (0 for file://) and the body.
    /// - Parameter maxBytes: The largest body accepted; a larger one stops the transfer.
    /// - Throws: `TransferError` with curl's message when the transfer fails, of kind
    ///   `.stoppedByReceiver` when the body is larger than `maxBytes`.
    public func get(_ url: String, maxBytes: Int = .max) throws(TransferError) -> (status: Int, body: [UInt8]) {
        var body = [UInt8]()
        var tooLarge = false
        do {
            let response = try fetch(Request(url: url), onHead: { _ in true }) { piece in
                guard piece.count <= maxBytes - body.count else {
                    tooLarge = true
                    return false
                }
                body.append(contentsOf: piece)
                return true
            }
            return (response.head.status, body)
        } catch {
            guard tooLarge else { throw error }
            throw TransferError(url: url, message: "body larger than \(maxBytes) bytes: stopped", kind: .stoppedByReceiver)
        }
    }

    // MARK: - One request

    /// Performs `request`; with `upload`, as a PUT of those bytes (which must stay valid for
    /// the call) instead of a GET.
    func perform(
        _ request: Request, _ receiver: Receiver, upload: (bytes: UnsafeRawPointer, count: Int)? = nil
    ) throws(TransferError) -> Response {
        let url = request.url
        var lines = ["Accept-Encoding: identity"]
        if let tag = request.ifNoneMatch { lines.append("If-None-Match: \(tag)") }
        if let token = options.bearerToken { lines.append("Authorization: Bearer \(token)") }
        lines += request.headers
        // By bytes: "\r\n" is one Character, which contains neither "\r" nor "\n".
        if let line = lines.first(where: { $0.utf8.contains(13) || $0.utf8.contains(10) }) {
            throw TransferError(url: url, message: "header line with a line break: \(line.debugDescription)", kind: .other)
        }
        if let from = request.rangeFrom, from < 0 {
            throw TransferError(url: url, message: "range start \(from) is negative", kind: .other)
        }

        // The header list lives for this call only: unset from the handle, then freed.
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer {
            _ = ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, nil)
            cnet_curl_slist_free_all(headerList)
        }
        for line in lines {
            guard let longer = cnet_curl_slist_append(headerList, line) else {
                throw TransferError(url: url, message: "out of memory building the request headers", kind: .other)
            }
            headerList = longer
        }

        let box = Unmanaged.passUnretained(receiver).toOpaque()
        defer {
            _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, nil)
            _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, nil)
        }
        try check(ccurl_setopt_string(handle, CURLOPT_URL, url), url)
        try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1), url)
        // Undone after the call: the next GET must carry neither the verb nor the body.
        defer { if upload != nil { endUpload() } }
        if let upload { try startUpload(upload, url) }
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT, request.timeoutSeconds ?? 0), url)
        // An https source may not redirect to plain http (its Date header and token would go
        // in clear); a server must never redirect the board into reading its own files.
        try check(
            ccurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, url.hasPrefix("https:") ? "https" : "http,https"), url)
        // Unset when nil: the handle remembers the previous request's range otherwise.
        if let from = request.rangeFrom {
            try check(ccurl_setopt_string(handle, CURLOPT_RANGE, "\(from)-"), url)
        } else {
            try check(ccurl_setopt_string(handle, CURLOPT_RANGE, nil), url)
        }
        try check(ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList), url)
        try check(ccurl_setopt_header_function(handle, Receiver.headerCallback), url)
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, box), url)
        try check(ccurl_setopt_write_function(handle, Receiver.bodyCallback), url)
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, box), url)
        errorDetail[0] = 0

        let code = withExtendedLifetime(receiver) { cnet_curl_easy_perform(handle) }
        guard code == CURLE_OK, !receiver.stopped else {
            throw failure(code, url, stopped: receiver.stopped)
        }
        let head: ResponseHead
        if let delivered = receiver.head {
            head = delivered
        } else {
            // No body: the head has not been shown yet.
            var status = 0
            _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            head = ResponseHead(status: receiver.status ?? status, headers: receiver.headers)
            guard receiver.finish(head) else { throw failure(code, url, stopped: true) }
        }
        var requestSize = 0
        var headerSize = 0
        var bodySize = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &requestSize)
        _ = ccurl_getinfo_long(handle, CURLINFO_HEADER_SIZE, &headerSize)
        var uploadSize = 0
        _ = ccurl_getinfo_off_t(handle, CURLINFO_SIZE_DOWNLOAD_T, &bodySize)
        _ = ccurl_getinfo_off_t(handle, CURLINFO_SIZE_UPLOAD_T, &uploadSize)
        return Response(
            head: head, bodyBytes: receiver.bodyBytes,
            wireBytes: Int64(requestSize) + Int64(headerSize) + Int64(bodySize) + Int64(uploadSize))
    }

    /// Makes the request a PUT of `upload` (curl sends the bytes from where they are).
    private func startUpload(_ upload: (bytes: UnsafeRawPointer, count: Int), _ url: String) throws(TransferError) {
        try check(ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(upload.count)), url)
        try check(ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: upload.bytes)), url)
        try check(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, "PUT"), url)
        // Followed, a redirect would repeat the PUT elsewhere: it is the server's answer instead.
        try set(CURLOPT_FOLLOWLOCATION, 0)
    }

    /// Back to a GET with redirects followed, forgetting the uploaded bytes.
    private func endUpload() {
        _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, nil)
        _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
        _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, -1)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
    }

    // MARK: - Options and errors

    /// Applies the link options (once: they hold for every request).
    private func configure() throws(TransferError) {
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorDetail), "")
        // No signals: transfers run on background threads of a long-lived process.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_FOLLOWLOCATION, 1)
        try set(CURLOPT_MAXREDIRS, 10)
        try set(CURLOPT_PROTOCOLS_STR, "http,https,file")
        // A server must not redirect the board into reading its own files.
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        // Keepalive probes hold a reused connection open through a carrier's NAT between files.
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_CONNECTTIMEOUT, options.connectTimeoutSeconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedLimit)
        try set(CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        try check(ccurl_setopt_off_t(handle, CURLOPT_MAX_RECV_SPEED_LARGE, options.maxBytesPerSecond ?? 0), "")
        // "" rather than unset: curl would otherwise take a proxy from the environment.
        try set(CURLOPT_PROXY, options.proxy ?? "")
        if let bundle = options.caBundle {
            // Only the private CA: Debian's libcurl also reads /etc/ssl/certs unless told not to.
            try set(CURLOPT_CAINFO, bundle)
            try check(ccurl_setopt_string(handle, CURLOPT_CAPATH, nil), "")
        }
        if let certificate = options.clientCertificate {
            try set(CURLOPT_SSLCERT, certificate)
            try set(CURLOPT_SSLCERTTYPE, "PEM")
        }
        if let key = options.clientKey {
            try set(CURLOPT_SSLKEY, key)
            try set(CURLOPT_SSLKEYTYPE, "PEM")
        }
        try set(CURLOPT_USERAGENT, options.userAgent)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(TransferError) {
        try check(ccurl_setopt_long(handle, option, value), "")
    }

    private func set(_ option: CURLoption, _ value: String) throws(TransferError) {
        try check(ccurl_setopt_string(handle, option, value), "")
    }

    /// The one place curl status codes become errors.
    private func check(_ code: CURLcode, _ url: String) throws(TransferError) {
        guard code != CURLE_OK else { return }
        throw failure(code, url, stopped: false)
    }

    /// The error for a failed `code`, with curl's detail when it wrote one.
    private func failure(_ code: CURLcode, _ url: String, stopped: Bool) -> TransferError {
        if stopped { return TransferError(url: url, message: "stopped by the receiver", kind: .stoppedByReceiver) }
        var message = String(cString: cnet_curl_easy_strerror(code))
        let detail = String(cString: errorDetail)
        if !detail.isEmpty && detail != message { message += ": \(detail)" }
        return TransferError(url: url, message: message, kind: TransferError.Kind(code))
    }
}

@available(*, unavailable, message: "one owner of the curl handle: use a Transfer on one thread at a time")
extension Transfer: Sendable {}
