/// What one version of a bundle is: every file with its size and SHA-256, the version number
/// that only grows, when it was signed and when it goes stale. It travels signed, inside a
/// `SignedEnvelope` (docs/protocol.md).
public struct Manifest: Hashable, Sendable {
    /// The one format this board reads.
    public static let format = "bangtin-manifest/1"
    /// The envelope's payload type for a manifest.
    public static let payloadType = "application/vnd.bangtin.manifest+json"

    /// A name for people (the bundle folder's name when packed).
    public var bundle: String
    /// Grows with every publication; a board never goes back to a smaller one.
    public var version: Int
    /// When the publisher signed it: also a lower bound for the true time.
    public var signedAt: Instant
    /// After this the content is stale: a frozen server or mirror shows here.
    public var expires: Instant
    /// Every file of the bundle, sorted by path.
    public var files: [ManifestFile]
    /// The source asks the boards that take this version for a screenshot, once per request
    /// (`"screenshot"`: any id up to 100 characters, a new one for each request); nil for none.
    public var screenshotRequest: String?

    /// Creates a manifest; files are kept sorted by path.
    public init(
        bundle: String, version: Int, signedAt: Instant, expires: Instant, files: [ManifestFile],
        screenshotRequest: String? = nil
    ) {
        self.bundle = bundle
        self.version = version
        self.signedAt = signedAt
        self.expires = expires
        self.files = files.sorted { $0.path < $1.path }
        self.screenshotRequest = screenshotRequest
    }

    /// The sum of the files' sizes.
    public var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }

    /// Whether the content is stale at `instant`.
    public func isExpired(at instant: Instant) -> Bool { instant >= expires }
}

/// One file of a bundle: where it goes in the bundle folder, how long it is, what it hashes to.
public struct ManifestFile: Hashable, Sendable {
    /// Relative path inside the bundle (`layouts/sang.json`), forward slashes, no `..`.
    public var path: String
    /// Exact length in bytes: every download stops here.
    public var size: Int64
    /// Lowercase hex SHA-256 of the content: its name in `files/` and in the cache.
    public var sha256: String

    /// Creates the entry.
    public init(path: String, size: Int64, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}
