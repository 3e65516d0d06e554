import CNetShim

/// libcurl, loaded and initialised once before any transfer (curl's rule: before threads).
/// bangtin is not linked against it (see CNetShim): commands that never fetch do not load it.
public enum CurlRuntime {
    /// nil once libcurl is loaded and initialised, else why it cannot be.
    private static let problem: String? = {
        var error = [CChar](repeating: 0, count: 512)
        guard cnet_load_curl(&error, error.count) == 0 else {
            return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                + " (Debian: apt-get install libcurl4)"
        }
        let code = cnet_curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard code == CURLE_OK else { return "curl_global_init failed: \(String(cString: cnet_curl_easy_strerror(code)))" }
        return nil
    }()

    /// Loads and initialises libcurl if it was not already.
    /// - Returns: nil when it is ready, else why it cannot be used (the library missing).
    public static func start() -> String? { problem }

    /// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0 …" (loading it).
    public static var version: String {
        if let problem = start() { return "libcurl unavailable: \(problem)" }
        return String(cString: cnet_curl_version())
    }
}
