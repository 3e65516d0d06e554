import CCurl
import CCurlShim
import Foundation

/// A failed libcurl transfer: what curl said and the URL it was fetching.
public struct TransferError: Error, CustomStringConvertible, Sendable {
    public var url: String
    public var message: String
    public var description: String { "\(url): \(message)" }
}

/// libcurl's global state, initialised once before any transfer (curl's rule: before threads).
public enum CurlRuntime {
    private static let once: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Initialises libcurl if it was not already.
    public static func start() { _ = once }

    /// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0 …".
    public static var version: String { String(cString: curl_version()) }
}

/// Owner of one curl easy handle. Blocking: run it off Swift's cooperative pool.
public final class Transfer {
    private let handle: UnsafeMutableRawPointer
    private final class Sink { var body = [UInt8]() }

    /// Creates a handle with the settings every transfer of the player uses.
    public init() throws {
        CurlRuntime.start()
        guard let handle = curl_easy_init() else { throw TransferError(url: "", message: "curl_easy_init failed") }
        self.handle = handle
        // No signals: transfers run on background threads of a long-lived process.
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, 20)
    }

    deinit { curl_easy_cleanup(handle) }

    /// Fetches `url` whole; returns the HTTP status (0 for non-HTTP schemes) and the body.
    /// - Throws: `TransferError` with curl's message when the transfer fails.
    public func get(_ url: String) throws -> (status: Int, body: [UInt8]) {
        let sink = Sink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        try check(ccurl_setopt_string(handle, CURLOPT_URL, url), url)
        try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1), url)
        try check(
            ccurl_setopt_write_function(handle) { data, size, count, userdata in
                let sink = Unmanaged<Sink>.fromOpaque(userdata!).takeUnretainedValue()
                let length = size * count
                if let data { sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
                return length
            }, url)
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque()), url)
        try check(curl_easy_perform(handle), url)
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return (status, sink.body)
    }

    /// The one place curl status codes become errors.
    private func check(_ code: CURLcode, _ url: String) throws {
        guard code != CURLE_OK else { return }
        throw TransferError(url: url, message: String(cString: curl_easy_strerror(code)))
    }
}
