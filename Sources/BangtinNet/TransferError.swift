import BangtinCore
import CNetShim

/// A failed transfer: what went wrong, of which kind, and the URL it was fetching.
///
/// An HTTP error status is not a `TransferError`: it arrives in `ResponseHead.status`.
public struct TransferError: Error, CustomStringConvertible, Sendable {
    /// What a caller does about a failure depends on its kind.
    public enum Kind: Sendable, Equatable {
        /// The receiver's `onHead` or `onBody` returned false (or a byte cap was reached).
        case stoppedByReceiver
        /// Connecting took too long, or the link stayed under `LinkOptions.lowSpeedLimit`.
        case timedOut
        /// The host (or proxy) could not be resolved or refused the connection.
        case couldNotConnect
        /// TLS failed: the server's certificate was not trusted, or ours was refused or unreadable.
        case tls
        /// The connection broke or the server's reply was cut short or garbled: worth a retry.
        case network
        /// Anything else (a malformed URL, a missing file, a refused protocol, …).
        case other
    }

    /// The URL being fetched.
    public var url: String
    /// curl's message, plus its detail when it gave one.
    public var message: String
    /// What kind of failure it was.
    public var kind: Kind

    /// A failure of `kind` fetching `url`, described by `message`.
    public init(url: String, message: String, kind: Kind) {
        self.url = url
        self.message = message
        self.kind = kind
    }

    /// "url: message", or the message alone when no URL was being fetched; control characters
    /// written out (curl's detail quotes the server: a certificate's name, a reply line).
    public var description: String {
        let words = PrintableText.escaped(message, limit: 1_000)
        return url.isEmpty ? words : "\(PrintableText.escaped(url, limit: 1_000)): \(words)"
    }
}

extension TransferError.Kind {
    /// The kind of a curl failure code (a stop by the receiver is told apart by the caller: to
    /// curl it is only a write error).
    init(_ code: CURLcode) {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .couldNotConnect
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            self = .tls
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM,
            CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR, CURLE_PROXY, CURLE_WEIRD_SERVER_REPLY:
            self = .network
        default:
            self = .other
        }
    }
}
