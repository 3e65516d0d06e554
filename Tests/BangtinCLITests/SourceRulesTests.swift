import BangtinTestSupport
import Foundation
import Testing

/// Rules of the code's shape that a reader could break without any behaviour test noticing.
@Suite struct SourceRulesTests {
    /// Every Swift file under `Sources/`, by path relative to the repository.
    static let sources: [(path: String, text: String)] = {
        let root = Fixtures.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted().compactMap { relative in
            (try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)).map { ("Sources/" + relative, $0) }
        }
    }()

    /// Lines of code (comments left out) that contain `needle`, as `path:line`.
    func uses(_ needle: String, outside allowed: Set<String> = []) -> [String] {
        Self.sources.filter { !allowed.contains($0.path) }.flatMap { file in
            file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
                let code = line.trimmingCharacters(in: .whitespaces)
                // The needle as a whole word: `Date()` is not `lunarDate()`.
                let found = code.ranges(of: needle).contains { range in
                    needle.first?.isLetter != true || range.lowerBound == code.startIndex
                        || !(code[code.index(before: range.lowerBound)].isLetter
                            || code[code.index(before: range.lowerBound)].isNumber)
                }
                return !code.hasPrefix("//") && found ? "\(file.path):\(number + 1)" : nil
            }
        }
    }

    @Test func theWallClockIsReadInOnePlace() {
        #expect(!Self.sources.isEmpty)
        let clock: Set = ["Sources/BangtinPlayer/SystemClock.swift"]
        for reading in ["CLOCK_REALTIME", "CLOCK_MONOTONIC", "clock_gettime", "Date()", "Date.now", "gettimeofday"] {
            #expect(
                uses(reading, outside: clock).isEmpty, "\(reading) read outside SystemClock: \(uses(reading, outside: clock))")
        }
    }

    @Test func renderingKnowsNothingOfThePlayersConfiguration() {
        let render = Self.sources.filter { $0.path.hasPrefix("Sources/BangtinRender/") }
        #expect(!render.isEmpty)
        #expect(
            render.allSatisfy { !$0.text.contains("PlayerConfig") },
            "\(render.filter { $0.text.contains("PlayerConfig") }.map(\.path))")
    }

    @Test func locksAreScoped() {
        // Shared state lives in a Mutex (or is reached through withLock): no hand-paired locking.
        #expect(uses(".lock()").isEmpty, "\(uses(".lock()"))")
        #expect(uses(".unlock()").isEmpty, "\(uses(".unlock()"))")
        #expect(uses("NSLock()").isEmpty && uses("NSCondition()").isEmpty && uses("NSRecursiveLock()").isEmpty)
    }
}
