import CNetShim

/// libmosquitto, loaded and initialised once before any client (its rule: before threads).
/// bangtin is not linked against it (see CNetShim): commands without MQTT do not load it.
public enum MosquittoRuntime {
    /// nil once libmosquitto is loaded and initialised, else why it cannot be.
    private static let problem: String? = {
        var error = [CChar](repeating: 0, count: 512)
        guard cnet_load_mosquitto(&error, error.count) == 0 else {
            return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                + " (Debian: apt-get install libmosquitto1)"
        }
        _ = cnet_mosquitto_lib_init()
        return nil
    }()

    /// Loads and initialises libmosquitto if it was not already.
    /// - Returns: nil when it is ready, else why it cannot be used (the library missing).
    public static func start() -> String? { problem }

    /// The libmosquitto version, e.g. "2.0.11" (loading it).
    public static var version: String {
        if let problem = start() { return "libmosquitto unavailable: \(problem)" }
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = cnet_mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
