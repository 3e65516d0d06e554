import BangtinContent
import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// Files holding a secret, checked with real files and real modes.
@Suite struct SecretFilesTests {
    @Test func aFileOnlyItsOwnerCanOpenGetsNoWarning() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("token").path
        try Data("s3cret\n".utf8).write(to: URL(fileURLWithPath: path))
        for mode: mode_t in [0o600, 0o400, 0o700] {
            chmod(path, mode)
            #expect(SecretFiles.warning(path: path, holds: "the board's bearer token") == nil, "\(mode)")
        }
        #expect(SecretFiles.warning(path: folder.path + "/missing", holds: "a private key") == nil)
    }

    @Test(arguments: [
        (0o644 as mode_t, "readable by others (mode 0644)"), (0o640, "readable by its group (mode 0640)"),
        (0o604, "readable by others (mode 0604)"), (0o620, "open by its group (mode 0620)"),
        (0o666, "readable by others (mode 0666)"),
    ])
    func aFileOthersCanOpenIsNamedWithItsModeAndTheFix(mode: mode_t, words: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
        #expect(
            SecretFiles.warning(path: path, holds: "the MQTT password")
                == "\(path) holds the MQTT password and is \(words): chmod 600 \(path)")
    }

    @Test func aPathThatNeedsQuotingIsQuotedForTheShell() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bảng tin's.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        let warning = try #require(SecretFiles.warning(path: path, holds: "the MQTT password"))
        #expect(warning.hasSuffix("chmod 600 '" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"), "\(warning)")
    }

    /// The configuration when it holds the MQTT password, the token file and the client key.
    @Test func aConfigurationsSecretsAreEachChecked() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configPath = folder.appendingPathComponent("player.json").path
        let token = folder.appendingPathComponent("token").path
        let key = folder.appendingPathComponent("client.key").path
        for path in [configPath, token, key] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o644)
        }
        var config = PlayerConfig()
        config.tokenFile = token
        config.clientKey = key
        #expect(
            SecretFiles.warnings(for: config, configPath: configPath) == [
                "\(token) holds the board's bearer token and is readable by others (mode 0644): chmod 600 \(token)",
                "\(key) holds the board's private key and is readable by others (mode 0644): chmod 600 \(key)",
            ], "no password in the configuration: its own mode does not matter")
        config.alerts.mqttPassword = "bí-mật"
        chmod(key, 0o600)
        #expect(
            SecretFiles.warnings(for: config, configPath: configPath) == [
                "\(configPath) holds the MQTT password and is readable by others (mode 0644): chmod 600 \(configPath)",
                "\(token) holds the board's bearer token and is readable by others (mode 0644): chmod 600 \(token)",
            ])
        #expect(SecretFiles.warnings(for: config, configPath: nil).count == 1)
    }
}
