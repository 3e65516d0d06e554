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
        if let content = config.content, !content.hasPrefix("/") {
            config.content =
                URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(content).standardizedFileURL.path
        }
        return config
    }
}
