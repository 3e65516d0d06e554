/// Which warnings a board shows: a pure function of every message received, the board's area
/// and the instant (property-tested: the order messages arrived in does not matter).
///
/// A message is active when all of these hold:
/// - its status is Actual (Exercise and Test too when the board is set to show them; System
///   and Draft never);
/// - it is an Alert or an Update, and no message received updates or cancels it: names its
///   sender, identifier and `sent` (a Cancel of an earlier issue leaves a reissue alone);
/// - at the instant it is effective (its `effective`, else when sent) and not expired (its
///   `expires`, else `sent` plus the maximum life of `WarningFreshness`);
/// - one of its areas covers the board (by commune or province code, polygon or circle). A
///   message with no area covers no board: where it applies is in its signed content, never
///   in the path it came by (`WarningAuthority` gives an area-less message of a one-area key
///   that area before it gets here).
public enum AlertActivity {
    /// The alerts to show, most urgent first.
    public static func active(
        _ received: [WarningMessage], board: BoardArea, at instant: Instant, showExercises: Bool = false,
        freshness: WarningFreshness = WarningFreshness()
    ) -> [Alert] {
        let latest = newestPerKey(received)
        var replaced = Set<Key>()
        for message in latest where message.kind == .update || message.kind == .cancel {
            for reference in message.references {
                replaced.insert(Key(reference.sender, reference.identifier, sent: reference.sent))
            }
        }
        var alerts: [Alert] = []
        for message in latest {
            guard message.kind == .alert || message.kind == .update else { continue }
            guard !replaced.contains(Key(message.sender, message.identifier, sent: message.sent)) else { continue }
            switch message.status {
            case .actual: break
            case .exercise, .test: if !showExercises { continue }
            case .system, .draft: continue
            }
            guard let info = message.displayInfo else { continue }
            if (info.effective ?? message.sent) > instant { continue }
            if instant >= freshness.expiry(of: info, sent: message.sent) { continue }
            if !info.areas.contains(where: board.isCovered(by:)) { continue }
            alerts.append(alert(message, info, freshness: freshness))
        }
        return alerts.sorted(by: Alert.mostUrgentFirst)
    }

    /// When the answer can next change by time alone (an effective or expiry instant after
    /// `instant`), so a player works it out again then.
    public static func nextChange(
        _ received: [WarningMessage], after instant: Instant, freshness: WarningFreshness = WarningFreshness()
    ) -> Instant? {
        received.flatMap { message in
            message.infos.flatMap { [($0.effective ?? message.sent), freshness.expiry(of: $0, sent: message.sent)] }
        }.filter { $0 > instant }.min()
    }

    /// One message per sender and identifier: the one sent last (a replay of an older `sent` is
    /// ignored).
    public static func newestPerKey(_ received: [WarningMessage]) -> [WarningMessage] {
        var newest: [Key: WarningMessage] = [:]
        for message in received {
            let key = Key(message.sender, message.identifier)
            if let held = newest[key], !isNewer(message, than: held) { continue }
            newest[key] = message
        }
        return newest.values.sorted { ($0.sent, $0.sender, $0.identifier) < ($1.sent, $1.sender, $1.identifier) }
    }

    /// A total order on two messages with the same key, so the answer never depends on arrival.
    private static func isNewer(_ a: WarningMessage, than b: WarningMessage) -> Bool {
        if a.sent != b.sent { return a.sent > b.sent }
        return String(describing: a) > String(describing: b)
    }

    /// How `message` shows on a board, whatever its area and times: for previews of a warning
    /// (`render --alert`). Nil when it has nothing to show (no info block).
    public static func preview(_ message: WarningMessage) -> Alert? {
        message.displayInfo.map { alert(message, $0, freshness: nil) }
    }

    private static func alert(_ message: WarningMessage, _ info: WarningInfo, freshness: WarningFreshness?) -> Alert {
        var alert = Alert(
            id: message.identifier, sender: info.senderName.isEmpty ? message.sender : info.senderName, sent: message.sent,
            level: info.level, headline: info.headline.isEmpty ? info.event : info.headline, description: info.description,
            instruction: info.instruction)
        alert.area = info.areas.map(\.description).filter { !$0.isEmpty }.joined(separator: "; ")
        alert.expires = info.expires ?? freshness.map { $0.expiry(of: info, sent: message.sent) }
        alert.isExercise = message.status != .actual
        return alert
    }

    private struct Key: Hashable {
        let sender: String
        let identifier: String
        let sent: Instant?
        init(_ sender: String, _ identifier: String, sent: Instant? = nil) {
            self.sender = sender
            self.identifier = identifier
            self.sent = sent
        }
    }
}
