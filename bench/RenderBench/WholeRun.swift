import Foundation

/// `bangtin render` measured as a whole process (start-up, fonts, content, text, drawing,
/// encoding, writing), against Chromium's headless screenshot of the same board.
enum WholeRun {
    /// Runs `arguments` and returns the wall seconds, or nil when it fails. Spawned and reaped
    /// directly: Foundation's `Process.waitUntilExit` on Linux polls its run loop every 50 ms,
    /// which would add up to 50 ms to every figure.
    static func wallSeconds(_ executable: String, _ arguments: [String]) -> Double? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let t0 = monotonicNanoseconds()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(monotonicNanoseconds() - t0) / 1e9
        // Exited (low 7 bits zero) with status 0.
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0 ? seconds : nil
    }

    /// The median wall time of `runs` runs (nil if any fails).
    static func median(_ runs: Int, _ executable: String, _ arguments: [String]) -> Double? {
        var times: [Double] = []
        for _ in 0..<runs {
            guard let seconds = wallSeconds(executable, arguments) else { return nil }
            times.append(seconds)
        }
        return times.sorted()[runs / 2]
    }

    /// The first of `names` found on PATH.
    static func onPath(_ names: [String]) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for name in names {
            for folder in folders {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Prints the single-frame figures for the district board: bangtin, Chromium and the ratio.
    static func singleFrame(bangtin: String, root: URL, runs: Int) {
        let layout = root.appendingPathComponent("layouts/district-lcd-1920x1080/layout.json").path
        let out = NSTemporaryDirectory() + "bangtin-bench-single.png"
        let at = "2026-11-23T08:05:00+07:00"
        // Process start alone: the same executable, doing nothing but parse its arguments.
        let start = median(runs, bangtin, ["render", "--help"])
        guard let ours = median(runs, bangtin, ["render", layout, "--at", at, "--out", out]) else {
            print("  bangtin render failed: run it by hand to see why")
            return
        }
        print(
            String(
                format:
                    "  bangtin render, one 1920×1080 frame to PNG, whole process: %.3f s wall (median of %d; target ≤ 0.100 s; of which %.3f s process start)",
                ours, runs, start ?? .nan))
        guard let chromium = onPath(["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"]) else {
            print("  chromium: not on PATH, ratio skipped (apt-get install chromium to measure it)")
            return
        }
        let page = root.appendingPathComponent("bench/player-vs-browser/page.html").path
        let shot = NSTemporaryDirectory() + "bangtin-bench-chromium.png"
        let profile = NSTemporaryDirectory() + "bangtin-bench-chromium-profile"
        var arguments = [
            "--headless", "--disable-gpu", "--hide-scrollbars", "--window-size=1920,1080",
            "--virtual-time-budget=3000", "--user-data-dir=\(profile)", "--screenshot=\(shot)",
        ]
        if getuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append("file://\(page)?at=2026-11-23T08:05:00%2B07:00&freeze=1")
        guard let theirs = median(max(3, runs / 2), chromium, arguments) else {
            print("  chromium --headless --screenshot failed: run it by hand to see why")
            return
        }
        try? FileManager.default.removeItem(atPath: profile)
        print(
            String(
                format: "  chromium --headless --screenshot, same board: %.3f s wall; chromium ÷ bangtin = %.1f× (target ≥ 10×)",
                theirs, theirs / ours))
    }

    /// Prints a `render --frames` sequence's rate, whole process, files written and synced.
    static func sequence(bangtin: String, root: URL, layout: String, frames: Int, target: Double) {
        let folder = NSTemporaryDirectory() + "bangtin-bench-frames"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = root.appendingPathComponent(layout).path
        let arguments = [
            "render", path, "--at", "2026-11-23T08:05:00+07:00", "--frames", "\(frames)", "--fps", "30", "--out", folder,
        ]
        guard let seconds = wallSeconds(bangtin, arguments) else {
            print("  \(layout): render --frames failed")
            return
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let bytes = names.reduce(0) { sum, name in
            sum + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0)
        }
        print(
            String(
                format:
                    "  %@: render --frames %d --fps 30, whole process: %.2f s, %.0f frames/s (target ≥ %.0f), %d bytes per frame",
                layout, frames, seconds, Double(frames) / seconds, target, bytes / max(1, names.count)))
    }
}
