extension Transfer {
    /// Uploads `body` to `url` by HTTP PUT (as nginx's WebDAV module and object storage take
    /// files), with this transfer's link options: proxy, CA, client identity, bearer token and
    /// timeouts.
    ///
    /// Sends no "Expect: 100-continue": on a 3G link the wait for the interim answer costs a
    /// round trip (or curl's one-second timeout) per file. Redirects are not followed (a 3xx is
    /// a failure): a PUT repeated elsewhere is not what the board was told to do.
    /// - Parameters:
    ///   - url: Where the file goes, an http or https URL.
    ///   - body: The whole file.
    ///   - contentType: Its media type, e.g. "application/x-ndjson".
    ///   - headers: Extra header lines, "Name: value".
    ///   - timeoutSeconds: The longest the whole upload may take (nil: only the low-speed limit).
    /// - Returns: The server's 2xx response (nginx: 201 Created for a new file, 204 No Content
    ///   for a replaced one); `bodyBytes` counts the answer's body, `wireBytes` both ways.
    /// - Throws: `TransferError` when the transfer fails, and (kind `.other`) when the server
    ///   answers anything but 2xx: the message names the status, the description the URL.
    public func put(
        _ url: String, body: [UInt8], contentType: String, headers: [String] = [], timeoutSeconds: Int? = nil
    ) throws(TransferError) -> Response {
        var request = Request(url: url, headers: ["Content-Type: \(contentType)", "Expect:"] + headers)
        request.timeoutSeconds = timeoutSeconds
        // The answer's body (an error page) is read and dropped: the status says it all.
        let receiver = Receiver(onHead: { _ in true }, onBody: { _ in true })
        // curl needs an address even for no bytes (without one it would read standard input).
        let bytes = body.isEmpty ? [0] : body
        let outcome = bytes.withUnsafeBytes { buffer in
            Result { () throws(TransferError) in
                try perform(request, receiver, upload: (buffer.baseAddress!, body.count))
            }
        }
        let response = try outcome.get()
        guard (200..<300).contains(response.head.status) else {
            throw TransferError(
                url: url, message: "the server answered \(Self.statusText(response.head.status)) to the PUT: not stored",
                kind: .other)
        }
        return response
    }

    /// "HTTP 405 Method Not Allowed" for the statuses an upload meets; the number alone otherwise.
    static func statusText(_ status: Int) -> String {
        let names = [
            301: "Moved Permanently", 302: "Found", 307: "Temporary Redirect", 308: "Permanent Redirect",
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            409: "Conflict", 413: "Content Too Large", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout", 507: "Insufficient Storage",
        ]
        return names[status].map { "HTTP \(status) \($0)" } ?? "HTTP \(status)"
    }
}
