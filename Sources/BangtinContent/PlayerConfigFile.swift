import BangtinCore
import Foundation

/// Reads a player's configuration file.
public enum PlayerConfigFile {
    /// Reads and checks `path`; a relative `content` is resolved against the file's folder.
    /// - Throws: `ContentError` naming every bad key.
    public static func load(_ path: String) throws(ContentError) -> PlayerConfig {
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(path, kind: .configuration)
        } catch {
            throw ContentError(file: path, problems: [Problem(path: "", message: error.description)])
        }
        let (decoded, problems) = PlayerConfig.decode(bytes)
        guard var config = decoded else { throw ContentError(file: path, problems: problems) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolved(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).standardizedFileURL.path
        }
        config.content = config.content.map(resolved)
        config.cache = config.cache.map(resolved)
        config.trust = config.trust.map(resolved)
        config.caBundle = config.caBundle.map(resolved)
        config.clientCert = config.clientCert.map(resolved)
        config.clientKey = config.clientKey.map(resolved)
        config.tokenFile = config.tokenFile.map(resolved)
        config.alerts.folder = config.alerts.folder.map(resolved)
        config.alerts.store = config.alerts.store.map(resolved)
        config.alerts.mqttCAFile = config.alerts.mqttCAFile.map(resolved)
        for index in config.alerts.trust.indices { config.alerts.trust[index].path = resolved(config.alerts.trust[index].path) }
        if config.report.isConfigured {
            config.report.store = config.report.store.map(resolved) ?? config.cache.map { $0 + "/report" }
        }
        if let source = config.source, !source.contains("://") { config.source = resolved(source) }
        return config
    }
}
