import BangtinCore
import CNetShim

/// A failed MQTT operation: what went wrong, of which kind, and with which broker.
public struct MQTTError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What a caller does about a failure depends on its kind.
    public enum Kind: Sendable, Equatable {
        /// The options (URL, client id, topic) cannot be used.
        case invalidOptions
        /// The broker could not be reached, or the connection was lost.
        case couldNotConnect
        /// The broker refused the connection (bad user name or password, not authorised, …).
        case refused
        /// TLS failed: the broker's certificate was not trusted, or the CA file is unreadable.
        case tls
        /// The broker did not answer in time.
        case timedOut
        /// Anything else libmosquitto reports.
        case other
    }

    /// The broker ("host:port") or URL concerned; empty when none.
    public var broker: String
    /// What went wrong, in words.
    public var message: String
    /// What kind of failure it was.
    public var kind: Kind

    /// A failure of `kind` with `broker`, described by `message`.
    public init(broker: String, message: String, kind: Kind) {
        self.broker = broker
        self.message = message
        self.kind = kind
    }

    /// "broker: message", control characters written out (libmosquitto's log lines and the
    /// broker's reasons quote what came over the network).
    public var description: String {
        let words = PrintableText.escaped(message, limit: 1_000)
        return broker.isEmpty ? words : "\(PrintableText.escaped(broker)): \(words)"
    }

    static func invalid(_ url: String, _ message: String) -> MQTTError {
        MQTTError(broker: url, message: message, kind: .invalidOptions)
    }

    /// A refused CONNECT: `code` is the CONNACK return code (MQTT 3.1.1: 1 to 5) or reason
    /// code (MQTT 5: 128 and over).
    static func refused(_ broker: String, code: Int32) -> MQTTError {
        let reason = String(cString: code >= 128 ? cnet_mosquitto_reason_string(code) : cnet_mosquitto_connack_string(code))
        return MQTTError(broker: broker, message: "connection refused: \(reason) (CONNACK \(code))", kind: .refused)
    }

    /// A connection that ended, or an attempt that failed, with libmosquitto's result `code`;
    /// `detail` is libmosquitto's last error log line, which names a TLS failure's reason
    /// ("OpenSSL Error[0]: error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed").
    static func lost(_ broker: String, code: Int32, detail: String?) -> MQTTError {
        if let detail, detail.contains("OpenSSL") || code == MOSQ_ERR_TLS.rawValue {
            // OpenSSL's reason is the last field of "error:CODE:LIBRARY:FUNCTION:REASON".
            let reason = detail.split(separator: ":").last.map { $0.drop { $0 == " " } } ?? Substring(detail)
            return MQTTError(
                broker: broker,
                message: "TLS failed: \(reason) (\(detail)); check the broker's certificate against the CA file",
                kind: .tls)
        }
        let words = describe(code)
        return MQTTError(
            broker: broker, message: "connection lost or not made: \(words)" + (detail.map { " (\($0))" } ?? ""),
            kind: Kind(code))
    }

    /// Throws unless `code` (a libmosquitto result) is success; `call` names what was attempted.
    static func check(_ code: Int32, _ call: @autoclosure () -> String, broker: String) throws(MQTTError) {
        guard code != MOSQ_ERR_SUCCESS.rawValue else { return }
        throw MQTTError(broker: broker, message: "\(call()): \(describe(code))", kind: Kind(code))
    }

    /// libmosquitto's words for `code`, with errno's when the failure was a system call's.
    static func describe(_ code: Int32) -> String {
        String(cString: cnet_mosquitto_strerror(code))
    }
}

extension MQTTError.Kind {
    /// The kind of a libmosquitto result code.
    init(_ code: Int32) {
        switch code {
        case MOSQ_ERR_INVAL.rawValue, MOSQ_ERR_MALFORMED_UTF8.rawValue, MOSQ_ERR_PAYLOAD_SIZE.rawValue,
            MOSQ_ERR_NOT_SUPPORTED.rawValue:
            self = .invalidOptions
        case MOSQ_ERR_NO_CONN.rawValue, MOSQ_ERR_CONN_LOST.rawValue, MOSQ_ERR_ERRNO.rawValue, MOSQ_ERR_EAI.rawValue,
            MOSQ_ERR_LOOKUP.rawValue, MOSQ_ERR_KEEPALIVE.rawValue:
            self = .couldNotConnect
        case MOSQ_ERR_CONN_REFUSED.rawValue, MOSQ_ERR_AUTH.rawValue, MOSQ_ERR_ACL_DENIED.rawValue:
            self = .refused
        case MOSQ_ERR_TLS.rawValue, MOSQ_ERR_TLS_HANDSHAKE.rawValue, MOSQ_ERR_OCSP.rawValue:
            self = .tls
        case MOSQ_ERR_TIMEOUT.rawValue:
            self = .timedOut
        default:
            self = .other
        }
    }
}
