/// Where and how an MQTT client connects: the broker, the board's identity and its topics.
public struct MQTTOptions: Sendable, Equatable {
    /// The broker's host name or IP address.
    public var host: String
    /// The broker's port (1883 for plain MQTT, 8883 for MQTT over TLS).
    public var port: Int
    /// The client id: the board id, stable across restarts so the broker keeps its session.
    public var clientID: String
    /// Whether the broker forgets the session on disconnect. False (the default) keeps the
    /// subscriptions and queues QoS 1 messages while the board is away.
    public var cleanSession: Bool
    /// Topic filters subscribed with QoS 1 (`+` and `#` wildcards allowed).
    public var topics: [String]
    /// The user name sent to the broker, if any.
    public var username: String?
    /// The password sent with `username`.
    public var password: String?
    /// Whether the connection uses TLS (always when `caFile` is set).
    public var tls: Bool
    /// A CA bundle (PEM file) the broker's certificate must chain to; nil with `tls`: the
    /// system's CAs. The certificate and host name are always verified.
    public var caFile: String?
    /// Seconds between PINGs when nothing else is sent; a silent link is noticed in 1.5 times this.
    public var keepAliveSeconds: Int
    /// Seconds before the first reconnect attempt; later attempts wait longer.
    public var reconnectDelaySeconds: Int
    /// The longest wait between reconnect attempts, in seconds.
    public var reconnectDelayMaxSeconds: Int
    /// The MQTT version spoken: 5 by default, which lets a client tell the broker the largest
    /// packet it takes (`maximumPayloadBytes`) and publish with a message expiry; 3.1.1 for an
    /// old broker.
    public var version: MQTTVersion = .v5
    /// Bytes of the largest message payload taken (`Limits.alertBytes`, 2 MB, by default: the
    /// largest warning document; a screenshot request is a few bytes). A larger one is dropped
    /// in libmosquitto's callback before it is copied, and reported (`MQTTSubscriber`'s
    /// `onDrop`); over MQTT 5 the broker is asked not to send one at all (the CONNECT property
    /// Maximum Packet Size, this plus room for the topic and headers).
    public var maximumPayloadBytes = 2 << 20

    /// Options for `clientID` on `host`:`port`; TLS when `caFile` is given.
    public init(
        host: String, port: Int = 1883, clientID: String, cleanSession: Bool = false, topics: [String] = [],
        username: String? = nil, password: String? = nil, tls: Bool = false, caFile: String? = nil,
        keepAliveSeconds: Int = 30, reconnectDelaySeconds: Int = 1, reconnectDelayMaxSeconds: Int = 60
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.cleanSession = cleanSession
        self.topics = topics
        self.username = username
        self.password = password
        self.tls = tls || caFile != nil
        self.caFile = caFile
        self.keepAliveSeconds = keepAliveSeconds
        self.reconnectDelaySeconds = reconnectDelaySeconds
        self.reconnectDelayMaxSeconds = reconnectDelayMaxSeconds
    }

    /// Options from a broker URL: `mqtt://host[:port]` (default port 1883) or
    /// `mqtts://host[:port]` (TLS, default port 8883). IPv6 hosts go in brackets.
    /// - Throws: `MQTTError` (kind `.invalidOptions`) naming the URL and what is wrong with it.
    public init(url: String, clientID: String, topics: [String] = []) throws(MQTTError) {
        let (scheme, rest) = try Self.split(url)
        let tls = scheme == "mqtts"
        let (host, port) = try Self.hostAndPort(rest, url: url, defaultPort: tls ? 8883 : 1883)
        self.init(host: host, port: port, clientID: clientID, topics: topics, tls: tls)
    }

    private static func split(_ url: String) throws(MQTTError) -> (scheme: String, rest: Substring) {
        guard let range = url.firstRange(of: "://") else {
            throw .invalid(url, "no scheme: expected mqtt://host:port or mqtts://host:port")
        }
        let scheme = url[..<range.lowerBound].lowercased()
        guard scheme == "mqtt" || scheme == "mqtts" else {
            throw .invalid(url, "scheme \"\(scheme)\" is not mqtt or mqtts")
        }
        var rest = url[range.upperBound...]
        // A trailing "/" is harmless; a path is not (MQTT has none).
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.contains("@") { throw .invalid(url, "credentials in the URL: give them as username and password") }
        if rest.contains("/") || rest.contains("?") || rest.contains("#") {
            throw .invalid(url, "a broker URL has no path, query or fragment")
        }
        return (scheme, rest)
    }

    private static func hostAndPort(_ rest: Substring, url: String, defaultPort: Int) throws(MQTTError) -> (String, Int) {
        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalid(url, "unclosed \"[\" in the host") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalid(url, "unexpected \"\(after)\" after the host") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw .invalid(url, "no host") }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            throw .invalid(url, "port \"\(portText)\" is not a number from 1 to 65535")
        }
        return (String(host), port)
    }
}

/// The MQTT protocol versions a client can speak (the broker must know it).
public enum MQTTVersion: Sendable, Equatable {
    /// MQTT 3.1.1: what every broker speaks; for brokers older than MQTT 5 (mosquitto before 1.6).
    case v311
    /// MQTT 5: needed for properties such as a message expiry interval or a maximum packet size;
    /// boards subscribe with it.
    case v5
}
