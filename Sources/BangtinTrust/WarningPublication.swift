import BangtinCore
import Crypto

/// Where a warning is kept for boards that connect late, and for how long: one retained MQTT
/// message per area on `bangtin/<code>/alerts/<id>`, with an MQTT 5 message expiry so the broker
/// forgets it by itself when the warning expires (docs/alerts.md, "Delivery").
///
/// `<id>` names the warning a message belongs to: an Alert's own sender and identifier, an
/// Update's or a Cancel's first reference, so either replaces the retained Alert on its topics.
public struct WarningPublication: Sendable, Equatable {
    /// The topics to publish the envelope to, retained.
    public var topics: [String]
    /// Seconds the broker keeps it; nil: until replaced.
    public var expirySeconds: UInt32?

    /// How long a Cancel with no expiry of its own stays retained (a day): long enough for a
    /// board that was off overnight, short enough not to pile up.
    public static let cancelKeptSeconds: UInt32 = 86_400

    /// What is wrong with planning a publication.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// In words.
        public var description: String
    }

    /// A retained message already on the broker under the warning's id, which an Update or a
    /// Cancel replaces.
    public struct RetainedCopy: Sendable, Equatable {
        /// Its topic (`bangtin/56/alerts/<id>`).
        public var topic: String
        /// The seconds the broker still keeps it; nil: until replaced.
        public var expirySeconds: UInt32?

        /// A copy on `topic` kept `expirySeconds` more.
        public init(topic: String, expirySeconds: UInt32?) {
            self.topic = topic
            self.expirySeconds = expirySeconds
        }
    }

    /// Plans the publication of `message` at `now`.
    /// - Parameters:
    ///   - areaTopics: Base topics (`bangtin/56/alerts`) to use instead of the message's area
    ///     codes; each gets `/<id>` appended.
    ///   - expiresIn: Seconds to keep it instead of until the message's latest `expires`.
    ///   - replacing: The retained messages found under the warning's id (for an Update or a
    ///     Cancel): their topics are published to as well, and a message with no expiry of its
    ///     own is kept as long as the longest of them.
    /// - Throws: `Failure` when the message has expired, or names no area code, no topic is
    ///   given and nothing is retained under its id.
    public static func plan(
        _ message: WarningMessage, at now: Instant, areaTopics: [String] = [], expiresIn: UInt32? = nil,
        replacing: [RetainedCopy] = []
    ) throws(Failure) -> WarningPublication {
        let id = subtopic(for: message)
        var bases = areaTopics
        if bases.isEmpty {
            for code in message.infos.flatMap(\.areas).flatMap(\.codes)
            where (code.count == 2 || code.count == 5) && code.allSatisfy({ $0.isASCII && $0.isNumber }) {
                let topic = "bangtin/\(code)/alerts"
                if !bases.contains(topic) { bases.append(topic) }
            }
        }
        var topics = bases.map { "\($0)/\(id)" }
        for copy in replacing where !topics.contains(copy.topic) { topics.append(copy.topic) }
        guard !topics.isEmpty else {
            throw Failure(
                description:
                    "\(message.identifier) names no province (2-digit) or commune (5-digit) code to choose a topic from, and nothing is retained under its id \(id): give --topic bangtin/<code>/alerts"
            )
        }
        var expiry = try expiry(of: message, at: now, given: expiresIn)
        if expiresIn == nil, message.infos.allSatisfy({ $0.expires == nil }), !replacing.isEmpty {
            // Kept as long as what it replaces (a warning kept until replaced: the default).
            let kept = replacing.map(\.expirySeconds)
            expiry = kept.contains(nil) ? expiry : kept.compactMap { $0 }.max()
        }
        return WarningPublication(topics: topics, expirySeconds: expiry)
    }

    /// The topic level naming the warning `message` belongs to: the first 16 hex digits of the
    /// SHA-256 of "sender,identifier" (neither may hold a comma), of the first reference for
    /// an Update or a Cancel.
    public static func subtopic(for message: WarningMessage) -> String {
        let root =
            message.kind == .update || message.kind == .cancel
            ? message.references.first.map { ($0.sender, $0.identifier) } ?? (message.sender, message.identifier)
            : (message.sender, message.identifier)
        return subtopic(sender: root.0, identifier: root.1)
    }

    /// The first 16 hex digits of the SHA-256 of "`sender`,`identifier`".
    public static func subtopic(sender: String, identifier: String) -> String {
        String(SHA256Hex.text(SHA256.hash(data: Array("\(sender),\(identifier)".utf8))).prefix(16))
    }

    private static func expiry(of message: WarningMessage, at now: Instant, given: UInt32?) throws(Failure) -> UInt32? {
        if let given { return max(given, 1) }
        guard let expires = message.infos.compactMap(\.expires).max() else {
            return message.kind == .cancel ? cancelKeptSeconds : nil
        }
        let nanoseconds = expires.nanosecondsSinceEpoch - now.nanosecondsSinceEpoch
        guard nanoseconds > 0 else {
            throw Failure(description: "\(message.identifier) expired at \(ISO8601.format(expires)): nothing to publish")
        }
        // Rounded up: the broker keeps it to the expiry, never drops it early.
        let seconds = (nanoseconds + 999_999_999) / 1_000_000_000
        return UInt32(min(seconds, Int64(UInt32.max)))
    }
}
