/// A least-recently-used cache bounded by a cost budget (bytes of pixels), so a board running
/// for months with a clock ticking every second never grows without bound.
///
/// The few entries used last are looked up by equality before hashing: keys hold whole
/// notices and tickers, Swift hashes strings through Unicode normalisation, and a live frame
/// asks for the same few keys 60 times a second (equal strings sharing storage compare at once).
struct BoundedCache<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, cost: Int, lastUse: UInt64)] = [:]
    /// Most recent first; each is also in `entries`.
    private var recent: [(key: Key, value: Value)] = []
    private var clock: UInt64 = 0
    private(set) var totalCost = 0
    let budget: Int
    private static var recentCount: Int { 4 }

    init(budget: Int) {
        self.budget = budget
    }

    var count: Int { entries.count }

    mutating func value(for key: Key) -> Value? {
        if let index = recent.firstIndex(where: { $0.key == key }) {
            let hit = recent[index]
            if index > 0 {
                recent.remove(at: index)
                recent.insert(hit, at: 0)
            }
            return hit.value
        }
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key]!.lastUse = clock
        remember(key, entry.value)
        return entry.value
    }

    mutating func insert(_ value: Value, cost: Int, for key: Key) {
        // Uses served from `recent` count as uses now, before anything is chosen for eviction.
        for item in recent.reversed() {
            clock += 1
            entries[item.key]?.lastUse = clock
        }
        clock += 1
        if let old = entries[key] { totalCost -= old.cost }
        entries[key] = (value, cost, clock)
        totalCost += cost
        // Evict the least recently used, but never the entry just inserted.
        var evicted = false
        while totalCost > budget, entries.count > 1 {
            guard let victim = entries.filter({ $0.key != key }).min(by: { $0.value.lastUse < $1.value.lastUse })
            else { break }
            totalCost -= victim.value.cost
            entries.removeValue(forKey: victim.key)
            evicted = true
        }
        recent.removeAll { $0.key == key }
        if evicted { recent.removeAll { entries[$0.key] == nil } }
        remember(key, value)
    }

    private mutating func remember(_ key: Key, _ value: Value) {
        recent.insert((key, value), at: 0)
        if recent.count > Self.recentCount { recent.removeLast() }
    }

    /// Whether `key` is held, without counting as a use.
    func contains(_ key: Key) -> Bool { entries[key] != nil }

    /// Drops the entries whose keys match.
    mutating func removeAll(where matches: (Key) -> Bool) {
        for key in entries.keys where matches(key) {
            totalCost -= entries[key]!.cost
            entries.removeValue(forKey: key)
        }
        recent.removeAll { matches($0.key) }
    }

    mutating func removeAll() {
        entries.removeAll()
        recent.removeAll()
        totalCost = 0
    }
}
