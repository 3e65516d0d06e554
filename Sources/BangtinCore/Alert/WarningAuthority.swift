/// How long a warning may live and how far ahead of the board's clock it may be sent
/// (`alerts.maxLifeHours`, `alerts.maxAheadMinutes`; docs/alerts.md, "Freshness").
public struct WarningFreshness: Hashable, Sendable {
    /// The life of a warning that gives no `expires`, counted from `sent`; also the age past
    /// which a warning without `expires` is refused as stale.
    public var maxLife: Int64
    /// How far `sent` may lie ahead of the board's clock.
    public var maxAhead: Int64

    /// 24 hours of life, 15 minutes ahead.
    public init(maxLife: Int64 = 24 * 3_600_000_000_000, maxAhead: Int64 = 15 * 60_000_000_000) {
        self.maxLife = maxLife
        self.maxAhead = maxAhead
    }

    /// When `info` of a message sent at `sent` stops showing: its `expires`, else `sent` plus
    /// the maximum life.
    public func expiry(of info: WarningInfo, sent: Instant) -> Instant {
        info.expires ?? sent.advanced(byNanoseconds: maxLife)
    }
}

/// Whether a verified warning may be taken by a board: the key that signed it must be entitled
/// to its sender, to what it updates or cancels, and to the board's area; it must be fresh; and
/// where it applies must be in the signed content, never in the path it came by. Pure.
public enum WarningAuthority {
    /// The signer as the board knows it.
    public struct Signer: Hashable, Sendable {
        /// The key id (first 8 bytes of the key's SHA-256, hex).
        public var keyID: String
        /// The key's name for people.
        public var name: String
        /// What it may sign.
        public var scope: WarningScope

        /// Creates a signer.
        public init(keyID: String, name: String, scope: WarningScope) {
            self.keyID = keyID
            self.name = name
            self.scope = scope
        }

        /// `key 1a2b… (pctt-khanh-hoa; senders=… areas=…)` for logs.
        public var described: String {
            "key \(PrintableText.escaped(keyID)) (\(PrintableText.escaped(name)); \(PrintableText.escaped(scope.text)))"
        }
    }

    /// Why a verified warning was not taken.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// The signer may not sign for this sender.
        case sender(String, Signer)
        /// An Update or Cancel names a message of a sender its signer may not sign for.
        case reference(sender: String, identifier: String, Signer)
        /// An Update or Cancel reference without the original's `sent`.
        case referenceWithoutSent(identifier: String)
        /// An area code outside the signer's scope.
        case area(code: String, Signer)
        /// No area, and the signer's scope is not one area it could mean.
        case noArea(Signer)
        /// It covers this board, but the signer may not warn the board's area.
        case board(BoardArea, Signer)
        /// Sent longer ago than the maximum life (with no expiry), or already expired.
        case stale(sent: Instant, until: Instant, now: Instant)
        /// Sent too far ahead of the board's clock.
        case future(sent: Instant, now: Instant)

        public var description: String {
            switch self {
            case .sender(let sender, let signer):
                return
                    "warning refused: signed by \(signer.described), which may not sign for sender \"\(PrintableText.escaped(sender))\""
            case .reference(let sender, let identifier, let signer):
                return
                    "warning refused: it updates or cancels \(PrintableText.escaped(identifier)) of sender \"\(PrintableText.escaped(sender))\", and \(signer.described) may not sign for that sender"
            case .referenceWithoutSent(let identifier):
                return
                    "warning refused: its reference to \(PrintableText.escaped(identifier)) gives no sent time (an Update or Cancel must name the original's sender, identifier and sent)"
            case .area(let code, let signer):
                return "warning refused: area code \(PrintableText.escaped(code)) is outside the scope of \(signer.described)"
            case .noArea(let signer):
                return
                    "warning refused: it names no area, and the scope of \(signer.described) is not a single area it could mean"
            case .board(let board, let signer):
                return
                    "warning refused: it covers this board (\(board.described)), which is outside the scope of \(signer.described)"
            case .stale(let sent, let until, let now):
                return
                    "warning refused as stale: sent \(ISO8601.format(sent)), in force until \(ISO8601.format(until)), and the board's clock reads \(ISO8601.format(now)) (an old warning replayed?)"
            case .future(let sent, let now):
                return
                    "warning refused: sent \(ISO8601.format(sent)), ahead of the board's clock (\(ISO8601.format(now))) by more than allowed; if the board's clock is wrong, set it"
            }
        }
    }

    /// The message as the board takes it, or why not.
    ///
    /// A message with no area at all, signed by a key whose scope is one area, is taken as
    /// meaning that area (its info blocks get it); any other area-less message is refused.
    /// - Parameters:
    ///   - now: the board's clock: the same clock the scene is judged on.
    public static func judge(
        _ message: WarningMessage, signer: Signer, board: BoardArea, now: Instant,
        freshness: WarningFreshness = WarningFreshness()
    ) -> Result<WarningMessage, Refusal> {
        let scope = signer.scope
        guard scope.permits(sender: message.sender) else { return .failure(.sender(message.sender, signer)) }
        for reference in message.references where message.kind == .update || message.kind == .cancel {
            guard scope.permits(sender: reference.sender) else {
                return .failure(.reference(sender: reference.sender, identifier: reference.identifier, signer))
            }
            guard reference.sent != nil else { return .failure(.referenceWithoutSent(identifier: reference.identifier)) }
        }
        if message.sent.nanoseconds(since: now) > freshness.maxAhead {
            return .failure(.future(sent: message.sent, now: now))
        }
        let until =
            message.infos.isEmpty
            ? message.sent.advanced(byNanoseconds: freshness.maxLife)
            : message.infos.map { freshness.expiry(of: $0, sent: message.sent) }.max()!
        if until <= now { return .failure(.stale(sent: message.sent, until: until, now: now)) }
        var taken = message
        let areas = message.infos.flatMap(\.areas)
        if !message.infos.isEmpty, message.kind == .alert || message.kind == .update {
            if message.infos.contains(where: { $0.areas.isEmpty }) {
                guard scope.areas.count == 1 else { return .failure(.noArea(signer)) }
                let meant = WarningArea(description: "", codes: scope.areas)
                for index in taken.infos.indices where taken.infos[index].areas.isEmpty { taken.infos[index].areas = [meant] }
            }
            for code in areas.flatMap(\.codes) where !scope.admits(code: code.trimmingCharacters(in: .whitespaces)) {
                return .failure(.area(code: code, signer))
            }
            if taken.infos.flatMap(\.areas).contains(where: board.isCovered(by:)), !scope.entitles(board: board) {
                return .failure(.board(board, signer))
            }
        }
        return .success(taken)
    }
}

extension BoardArea {
    /// `province 56, commune 22333` for messages.
    public var described: String {
        [
            province.map { "province \($0)" }, commune.map { "commune \($0)" },
            location.map { "at \($0.latitude),\($0.longitude)" },
        ]
        .compactMap { $0 }.joined(separator: ", ")
    }
}
