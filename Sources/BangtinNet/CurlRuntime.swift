import CCurl

/// libcurl's global state, initialised once before any transfer (curl's rule: before threads).
public enum CurlRuntime {
    private static let once: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Initialises libcurl if it was not already.
    public static func start() { _ = once }

    /// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0 …".
    public static var version: String { String(cString: curl_version()) }
}
