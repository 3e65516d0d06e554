/// Every verified warning a board has received, by whatever path (MQTT, polling, a folder):
/// the input of `AlertActivity`. Pure; the driver persists what it receives and replays it here
/// after a power cut.
public struct AlertInbox: Hashable, Sendable {
    /// What receiving a message did.
    public enum Receipt: Hashable, Sendable {
        /// New: kept.
        case kept
        /// The same message again (it came by two paths): nothing changes.
        case duplicate
        /// An older `sent` for an identifier already held: a replay, ignored.
        case replay(held: Instant)
    }

    /// The messages held, one per sender and identifier (the newest sent).
    public private(set) var messages: [WarningMessage] = []

    /// How long a message without `expires` lives, and how far ahead it may be sent.
    public var freshness: WarningFreshness

    /// An empty inbox.
    public init(freshness: WarningFreshness = WarningFreshness()) { self.freshness = freshness }

    /// Takes a verified message.
    public mutating func receive(_ message: WarningMessage) -> Receipt {
        if let index = messages.firstIndex(where: { $0.sender == message.sender && $0.identifier == message.identifier }) {
            let held = messages[index]
            if held == message { return .duplicate }
            if message.sent <= held.sent { return held.sent == message.sent ? .duplicate : .replay(held: held.sent) }
            messages[index] = message
            return .kept
        }
        messages.append(message)
        return .kept
    }

    /// Drops the messages `shouldRemove` picks (those of a key no longer trusted).
    public mutating func remove(where shouldRemove: (WarningMessage) -> Bool) { messages.removeAll(where: shouldRemove) }

    /// Drops messages that can no longer matter at `instant`, so a board that runs for years
    /// keeps a small inbox: expired over a day ago (or, with no info, sent over a day ago), no
    /// message held refers to it, and nothing it refers to is still held (a Cancel stays as
    /// long as what it cancelled, so a replay of that is still recognised).
    public mutating func prune(at instant: Instant) {
        let dayAgo = instant.advanced(byNanoseconds: -86_400_000_000_000)
        func key(_ sender: String, _ identifier: String) -> String { sender + "\u{0}" + identifier }
        while true {
            let held = Set(messages.map { key($0.sender, $0.identifier) })
            let referenced = Set(messages.flatMap { $0.references.map { key($0.sender, $0.identifier) } })
            let before = messages.count
            messages.removeAll { message in
                let old =
                    message.infos.isEmpty
                    ? message.sent < dayAgo : message.infos.allSatisfy { freshness.expiry(of: $0, sent: message.sent) < dayAgo }
                return old && !referenced.contains(key(message.sender, message.identifier))
                    && !message.references.contains { held.contains(key($0.sender, $0.identifier)) }
            }
            if messages.count == before { return }
        }
    }

    /// The alerts a board in `area` shows at `instant`.
    public func active(board area: BoardArea, at instant: Instant, showExercises: Bool = false) -> [Alert] {
        AlertActivity.active(messages, board: area, at: instant, showExercises: showExercises, freshness: freshness)
    }

    /// When the active set next changes by time alone.
    public func nextChange(after instant: Instant) -> Instant? {
        AlertActivity.nextChange(messages, after: instant, freshness: freshness)
    }
}
