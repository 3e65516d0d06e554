import BangtinCore
import Foundation

/// Files that hold a secret (the MQTT password, a bearer token, a private key) and whether
/// anyone but their owner may open them.
///
/// A configuration holding the broker's password was left world-readable on a board: anyone
/// with a shell could publish warnings as the province. Nothing is refused here (the board
/// plays on); the warning says which file, what it holds, its mode and the command that fixes it.
public enum SecretFiles {
    /// A warning when the file at `path`, holding `what` ("the MQTT password", "a private
    /// key"), grants any permission to its group or to others; nil when it grants none or
    /// cannot be looked at (whoever reads it reports that).
    ///
    /// The mode is the file's a symbolic link leads to: that is what a reader opens.
    /// - Returns: e.g. `/etc/bangtin/config.json holds the MQTT password and is readable by
    ///   others (mode 0644): chmod 600 /etc/bangtin/config.json`.
    public static func warning(path: String, holds what: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let mode = UInt32(status.st_mode) & 0o777
        guard mode & 0o077 != 0 else { return nil }
        let who = mode & 0o007 != 0 ? "others" : "its group"
        let how = mode & 0o044 != 0 ? "readable" : "open"
        let octal = String(mode, radix: 8)
        let shown = PrintableText.escaped(path, limit: 1_000)
        return
            "\(shown) holds \(what) and is \(how) by \(who) (mode \(String(repeating: "0", count: 4 - octal.count) + octal)): chmod 600 \(quoted(shown))"
    }

    /// Warnings for every file of `config` that holds a secret and is open to others: the
    /// configuration file itself when it holds `alerts.mqtt.password`, `tokenFile` and
    /// `clientKey`. A player logs them at start; `bangtin status` prints them.
    /// - Parameters:
    ///   - config: The configuration as loaded (paths resolved against its folder).
    ///   - configPath: Where it was read from; nil when it came from no file.
    public static func warnings(for config: PlayerConfig, configPath: String?) -> [String] {
        var files: [(path: String, what: String)] = []
        if let configPath, config.alerts.mqttPassword != nil { files.append((configPath, "the MQTT password")) }
        if let tokenFile = config.tokenFile { files.append((tokenFile, "the board's bearer token")) }
        if let clientKey = config.clientKey { files.append((clientKey, "the board's private key")) }
        return files.compactMap { warning(path: $0.path, holds: $0.what) }
    }

    /// `path` as one word for a shell: as it is when it needs no quoting, else in single quotes.
    private static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "/._-+,:@".unicodeScalars.contains($0)
        }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
