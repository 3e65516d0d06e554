import ArgumentParser

/// Checks of option values shared by several commands, in the ranges a configuration file
/// allows (`docs/config.md`), so a value no file could hold cannot come in by the command line.
enum CommandLineValues {
    /// `--seconds`: a finite number greater than 0 (NaN ran for ever).
    static func checkSeconds(_ seconds: Double?) throws {
        if let seconds, !(seconds.isFinite && seconds > 0) {
            throw ValidationError("--seconds must be a number greater than 0, found \(seconds)")
        }
    }

    /// Window placement and statistics: `--x`, `--y` −32768…32767, `--display` 0…15,
    /// `--stats-every` 1…86400 seconds.
    static func checkWindow(x: Int?, y: Int?, display: Int?, statsEvery: Int?) throws {
        for (name, value) in [("--x", x), ("--y", y)] {
            if let value, !(-32768...32767).contains(value) {
                throw ValidationError("\(name) must be between -32768 and 32767, found \(value)")
            }
        }
        if let display, !(0...15).contains(display) {
            throw ValidationError("--display must be between 0 and 15, found \(display)")
        }
        if let statsEvery, !(1...86_400).contains(statsEvery) {
            throw ValidationError("--stats-every must be between 1 and 86400 seconds, found \(statsEvery)")
        }
    }
}
