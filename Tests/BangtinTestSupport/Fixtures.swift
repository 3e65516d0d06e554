import BangtinContent
import BangtinCore
import BangtinRender
import Foundation
import Logging

/// Paths and shared objects for tests.
public enum Fixtures {
    /// The repository's root folder.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled `fonts/` folder.
    public static var fontsDirectory: String { root.appendingPathComponent("fonts").path }
    /// The bundled `layouts/` folder.
    public static var layoutsDirectory: String { root.appendingPathComponent("layouts").path }

    /// The bundled font library (a fresh one each call: libraries are not shared across threads).
    public static func fonts() throws -> FontLibrary { try FontLibrary(directory: fontsDirectory) }

    /// The bundled font catalog.
    public static let catalog: FontCatalog = try! FontLibrary(directory: fontsDirectory).catalog

    /// A logger that drops everything (tests read `FrameRenderer.problems` instead).
    public static let quietLogger: Logger = {
        var logger = Logger(label: "bangtin-test", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }()

    /// Names of the demo layout folders.
    public static var layoutNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: layoutsDirectory)) ?? []).sorted().filter {
            FileManager.default.fileExists(atPath: "\(layoutsDirectory)/\($0)/layout.json")
        }
    }

    /// Decodes a layout from JSON text, failing loudly with its problems.
    public static func layout(_ json: String) throws -> Layout {
        let (layout, problems) = LayoutDecoder(fonts: catalog).decode(Array(json.utf8))
        guard let layout else { throw ContentError(file: "(test)", problems: problems) }
        return layout
    }

    /// Renders a scene headless and returns its surface.
    public static func render(_ layout: Layout, at instant: Instant, assetRoot: String = "/nonexistent") throws -> (
        Surface, FrameRenderer
    ) {
        var layout = layout
        if layout.assetRoot.isEmpty { layout.assetRoot = assetRoot }
        let renderer = try HeadlessRenderer(size: layout.size, fonts: try fonts(), logger: quietLogger)
        renderer.render(layout.scene(at: instant))
        return (renderer.surface, renderer.frames)
    }

    /// A fresh temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bangtin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Parses an instant with an explicit offset.
    public static func instant(_ text: String) -> Instant {
        try! Instant.parse(text, localZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
    }
}
