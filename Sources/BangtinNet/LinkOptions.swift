/// How a board talks over its link (3G/4G SIM that crawls and drops).
///
/// Set once per `Transfer`: every request of that transfer uses them.
public struct LinkOptions: Sendable, Equatable {
    /// Seconds allowed to open the connection (TCP and TLS) before giving up.
    public var connectTimeoutSeconds: Int = 20
    /// Bytes a second under which, held for `lowSpeedSeconds`, a transfer is abandoned as stalled
    /// (`TransferError.Kind.timedOut`).
    public var lowSpeedLimit: Int = 100
    /// Seconds below `lowSpeedLimit` before a transfer is abandoned.
    public var lowSpeedSeconds: Int = 30
    /// Most body bytes a second to receive, leaving the rest of a metered link to others; nil:
    /// as fast as it comes.
    public var maxBytesPerSecond: Int? = nil
    /// HTTP proxy, e.g. "http://10.0.0.1:3128"; nil: direct (proxy variables of the
    /// environment are ignored: a board's link is its configuration, not its shell's).
    public var proxy: String? = nil
    /// A private CA bundle file (PEM) to verify servers with; nil: the system's. TLS
    /// verification is always on.
    public var caBundle: String? = nil
    /// The board's client certificate (PEM file), for servers that ask for one.
    public var clientCertificate: String? = nil
    /// The private key (PEM file) of `clientCertificate`.
    public var clientKey: String? = nil
    /// Sent as "Authorization: Bearer …" with every request (curl drops it on a redirect to
    /// another host).
    public var bearerToken: String? = nil
    /// The User-Agent header.
    public var userAgent: String = "bangtin"

    /// Options for a typical mobile link: connect within 20 s, give up under 100 B/s for 30 s.
    public init() {}
}
