import Foundation

/// A child process started with no signal blocked and every signal at its default action, as
/// systemd or a shell starts one.
///
/// Foundation's `Process` passes on the signal mask of the thread that starts it; test code
/// runs on worker threads that block every signal, and a program started from one never sees
/// SIGTERM or SIGHUP (Xvfb then only dies of the SIGKILL sent ten seconds later, and a test of
/// the player's signals would not test what a kiosk does).
public final class CleanChild: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `path` with `arguments`, in `directory` when given, with standard output and
    /// error written to the files given (else discarded). With `ownGroup` the child leads a new
    /// process group, as a shell starts a foreground job: `signalGroup` then reaches it and its
    /// children, as Ctrl-C on a terminal does.
    public init(
        _ path: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        output: String = "/dev/null", errors: String = "/dev/null", ownGroup: Bool = false
    ) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        let group = ownGroup ? POSIX_SPAWN_SETPGROUP : 0
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | group))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // A shell changes directory and replaces itself with the program (the signal state
        // carries over exec).
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, path] } ?? [path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = (environment ?? ProcessInfo.processInfo.environment).map { key, value in strdup("\(key)=\(value)") } + [nil]
        defer { env.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, command[0], &actions, &attributes, argv, &env)
        guard result == 0 else {
            throw XServer.SetupError(message: "cannot start \(path): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    deinit { stop(seconds: 5) }

    /// Whether the child has not exited (reaping it if it has).
    public var isRunning: Bool { exitStatus == nil }

    /// The child's exit status (128 + the signal if a signal ended it), nil while it runs.
    public var exitStatus: Int32? {
        lock.withLock {
            if status == nil {
                var raw: Int32 = 0
                let reaped = waitpid(pid, &raw, WNOHANG)
                if reaped == pid {
                    let signal = raw & 0x7F
                    status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
                } else if reaped < 0 && errno == ECHILD {
                    status = -1
                }
            }
            return status
        }
    }

    /// Sends a signal.
    public func signal(_ number: Int32) { kill(pid, number) }

    /// Sends a signal to the child's process group (started with `ownGroup`).
    public func signalGroup(_ number: Int32) { kill(-pid, number) }

    /// SIGTERM, then SIGKILL if it is still there after `seconds`.
    public func stop(seconds: Double) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(5_000) }
        if isRunning {
            kill(pid, SIGKILL)
            while isRunning { usleep(5_000) }
        }
    }
}
