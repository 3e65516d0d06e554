/// How one piece of content gives way to the next.
public enum TransitionKind: String, Hashable, Sendable, CaseIterable {
    /// Instant switch.
    case cut
    /// Cross-fade: a frame mid-way is a blend of both.
    case fade
    /// The new content pushes the old out to the left.
    case slideLeft = "slide-left"
}

/// A transition and how long it takes.
public struct TransitionSpec: Hashable, Sendable {
    public var kind: TransitionKind
    /// Milliseconds; 0 for a cut.
    public var durationMilliseconds: Int64

    /// An instant switch.
    public static let cut = TransitionSpec(kind: .cut, durationMilliseconds: 0)

    /// Creates a transition.
    public init(kind: TransitionKind, durationMilliseconds: Int64) {
        self.kind = kind
        self.durationMilliseconds = kind == .cut ? 0 : durationMilliseconds
    }

    /// Progress in thousandths (0…1000) `elapsed` nanoseconds into the transition, or nil when
    /// it is over (or is a cut).
    public func progress(afterNanoseconds elapsed: Int64) -> Int? {
        let total = durationMilliseconds * 1_000_000
        guard total > 0, elapsed >= 0, elapsed < total else { return nil }
        return Int(elapsed * 1000 / total)
    }
}

/// A transition in progress: what is going away, how, and how far along (thousandths).
public struct Transitioning<Outgoing: Hashable & Sendable>: Hashable, Sendable {
    public var from: Outgoing
    public var kind: TransitionKind
    /// 0…999: thousandths of the way from `from` to the new content.
    public var progress: Int

    /// Creates a transition state.
    public init(from: Outgoing, kind: TransitionKind, progress: Int) {
        self.from = from
        self.kind = kind
        self.progress = progress
    }
}
