/// A least-recently-used cache bounded by a cost budget (bytes of pixels), so a board running
/// for months with a clock ticking every second never grows without bound.
struct BoundedCache<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, cost: Int, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private(set) var totalCost = 0
    let budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    var count: Int { entries.count }

    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key]!.lastUse = clock
        return entry.value
    }

    mutating func insert(_ value: Value, cost: Int, for key: Key) {
        clock += 1
        if let old = entries[key] { totalCost -= old.cost }
        entries[key] = (value, cost, clock)
        totalCost += cost
        // Evict the least recently used, but never the entry just inserted.
        while totalCost > budget, entries.count > 1 {
            guard let victim = entries.filter({ $0.key != key }).min(by: { $0.value.lastUse < $1.value.lastUse })
            else { break }
            totalCost -= victim.value.cost
            entries.removeValue(forKey: victim.key)
        }
    }

    mutating func removeAll() {
        entries.removeAll()
        totalCost = 0
    }
}
