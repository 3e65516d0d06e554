import CMosquitto

/// libmosquitto's global state, initialised once before any client (its rule: before threads).
public enum MosquittoRuntime {
    private static let once: Void = { _ = mosquitto_lib_init() }()

    /// Initialises libmosquitto if it was not already.
    public static func start() { _ = once }

    /// The libmosquitto version, e.g. "2.0.11".
    public static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        _ = mosquitto_lib_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
