import BangtinCore

/// Where bundles come from: the provincial source over HTTP(S), or a folder (a USB stick).
/// Both hold the same layout (`manifest.json`, `files/<sha256>`) and pass the same checks.
protocol BundleSource {
    /// For messages: the URL or folder.
    var description: String { get }
    /// The signed manifest, or `.unchanged` when the source says it has not changed since
    /// `etag`.
    func manifest(etag: String?) throws(SourceFailure) -> ManifestFetch
    /// Streams the file for `part.expected` into `part`, from what `part` already holds.
    func fetch(into part: PartFile, progress: (Int64) -> Void) throws(SourceFailure)
    /// Bytes sent and received so far (HTTP: on the wire; a folder: bytes read).
    var wireBytes: Int64 { get }
}

/// What a manifest request gave.
enum ManifestFetch {
    /// Not modified since the ETag sent; the response's `Date` when there was one.
    case unchanged(date: Instant?)
    /// The envelope's bytes, its ETag, and the response's `Date`.
    case fetched(bytes: [UInt8], etag: String?, date: Instant?)
}

/// Why a source request failed: a link problem worth retrying, or a refusal that is not.
enum SourceFailure: Error, CustomStringConvertible {
    case link(String)
    case refused(SyncRefusal)

    var description: String {
        switch self {
        case .link(let message): return message
        case .refused(let refusal): return refusal.description
        }
    }
}
