import BangtinCore
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// Identifiers refused on the command line, a broker password kept out of `ps`, and secret
/// files others can read named with the chmod that fixes them.
@Suite struct SecretsCommandTests {
    @Test func packRefusesABundleNameThatClimbs() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("tinh").path
        _ = try KeyFiles.generate(at: key)
        let run = try Program.run([
            "pack", Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", "--key", key, "--bundle", "../x", "--version", "1",
            "--out", folder.appendingPathComponent("pub").path,
        ])
        #expect(run.status != 0)
        #expect(
            run.stderr.contains(
                #"--bundle: "../x" may hold only letters A–Z a–z, digits, '.', '_' and '-' (1–64, not starting with '.' or '-')"#),
            "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pub").path))
    }

    @Test func syncRefusesABundleNameThatClimbs() throws {
        let run = try Program.run([
            "sync", "--source", "/nonexistent", "--bundle", "x/../board-a", "--cache", "/nonexistent", "--trust", "k.pub",
        ])
        #expect(run.status != 0)
        #expect(run.stderr.contains(#"--bundle: "x/../board-a" may hold only letters"#), "\(run.stderr)")
    }

    @Test func alertPublishRefusesAPasswordOnTheCommandLine() throws {
        let run = try Program.run(["alert", "publish", "w.env", "--mqtt", "mqtt://127.0.0.1:1", "--password", "mật-khẩu"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--password is not taken: a password on the command line shows in `ps`"), "\(run.stderr)")
        #expect(run.stderr.contains("--password-file FILE") && run.stderr.contains("BANGTIN_MQTT_PASSWORD"), "\(run.stderr)")
    }

    /// The password from the first line of a file, or from the environment; a wrong one is
    /// refused by the broker.
    @Test func alertPublishTakesThePasswordFromAFileOrTheEnvironment() throws {
        let desk = try AlertPublishTests.Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        let broker = try Mosquitto(users: ["pctt": "mật-khẩu-đúng"])
        defer { broker.stop() }
        let envelope = try desk.envelope("KH-BAO-14")
        let file = desk.folder.appendingPathComponent("pctt.pass").path
        try Data("mật-khẩu-đúng\nnot the password\n".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        let base = ["alert", "publish", envelope, "--mqtt", broker.url, "--username", "pctt"]
        let fromFile = try Program.run(base + ["--password-file", file])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(!fromFile.stderr.contains("warning"), "\(fromFile.stderr)")
        let fromEnvironment = try Program.run(base, environment: ["BANGTIN_MQTT_PASSWORD": "mật-khẩu-đúng"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        let wrong = try Program.run(base, environment: ["BANGTIN_MQTT_PASSWORD": "sai"])
        #expect(wrong.status != 0)
        chmod(file, 0o644)
        let open = try Program.run(base + ["--password-file", file])
        #expect(open.status == 0, "\(open.stderr)")
        #expect(
            open.stderr.contains(
                "warning: \(file) holds the MQTT password and is readable by others (mode 0644): chmod 600 \(file)"),
            "\(open.stderr)")
    }

    /// `bangtin status` names a configuration holding the MQTT password that others can read.
    @Test func statusWarnsOfAPasswordOthersCanRead() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("player.json").path
        let json = """
            {"board": "cho-01", "area": {"province": "56"},
             "alerts": {"mqtt": {"url": "mqtt://127.0.0.1:1883", "username": "cho-01", "password": "bí-mật"}, "trust": ["tinh.pub"]},
             "report": {"store": "\(folder.path)/report"}}
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: config))
        chmod(config, 0o644)
        let open = try Program.run(["status", "--config", config])
        #expect(
            open.stderr.contains(
                "warning: \(config) holds the MQTT password and is readable by others (mode 0644): chmod 600 \(config)"),
            "\(open.stderr)")
        chmod(config, 0o600)
        let closed = try Program.run(["status", "--config", config])
        #expect(!closed.stderr.contains("warning"), "\(closed.stderr)")
    }

    /// keygen writes the private key 0600; one others can read is not used to sign, and the
    /// message names the mode and the fix.
    @Test func aPrivateKeyOthersCanReadIsNotUsed() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("tinh").path
        #expect(try Program.run(["keygen", "--out", key]).status == 0)
        var status = stat()
        #expect(stat(key, &status) == 0 && status.st_mode & 0o777 == 0o600)
        chmod(key, 0o640)
        let run = try Program.run([
            "pack", Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", "--key", key, "--bundle", "xa-tan-phu-tuan",
            "--version", "1", "--out", folder.appendingPathComponent("pub").path,
        ])
        #expect(run.status != 0)
        #expect(
            run.stderr.contains("\(key) holds a private key and is readable by its group (mode 0640): chmod 600 \(key)"),
            "\(run.stderr)")
    }
}
