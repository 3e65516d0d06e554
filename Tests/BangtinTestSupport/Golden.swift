import BangtinCore
import BangtinRender
import Foundation

/// Golden-image comparison. Re-record with `BANGTIN_RECORD_GOLDENS=1 swift test --filter Golden`.
public enum Golden {
    /// Folder holding the golden PNGs.
    public static var directory: URL {
        Fixtures.root.appendingPathComponent("Tests/BangtinRenderTests/Goldens")
    }

    /// Where mismatching frames are written for a person to look at.
    public static var failureDirectory: URL {
        Fixtures.root.appendingPathComponent(".build/golden-failures")
    }

    /// The outcome of a comparison.
    public struct Outcome: CustomStringConvertible {
        public var differingPixels: Int
        public var maxChannelDifference: Int
        public var note: String
        public var matches: Bool { differingPixels == 0 && note.isEmpty }
        public var description: String {
            note.isEmpty ? "\(differingPixels) pixels differ (max channel difference \(maxChannelDifference))" : note
        }
    }

    /// Compares `surface` with the golden `name`.png pixel for pixel (or records it).
    public static func compare(_ surface: Surface, name: String) throws -> Outcome {
        let file = directory.appendingPathComponent("\(name).png")
        if ProcessInfo.processInfo.environment["BANGTIN_RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try surface.savePNG(to: file.path)
            return Outcome(differingPixels: 0, maxChannelDifference: 0, note: "")
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            return Outcome(
                differingPixels: -1, maxChannelDifference: 0,
                note: "no golden \(file.path); record with BANGTIN_RECORD_GOLDENS=1 swift test --filter Golden")
        }
        let golden = try Surface.loadARGB(path: file.path)
        var outcome = Outcome(differingPixels: 0, maxChannelDifference: 0, note: "")
        if golden.size != surface.size {
            outcome.note = "size \(surface.size) differs from the golden's \(golden.size)"
        } else {
            for (a, b) in zip(surface.argbPixels, golden.argbPixels) where a != b {
                outcome.differingPixels += 1
                for shift in stride(from: 0, to: 32, by: 8) {
                    let d = abs(Int(a >> UInt32(shift) & 0xFF) - Int(b >> UInt32(shift) & 0xFF))
                    outcome.maxChannelDifference = max(outcome.maxChannelDifference, d)
                }
            }
        }
        if !outcome.matches {
            try FileManager.default.createDirectory(at: failureDirectory, withIntermediateDirectories: true)
            let actual = failureDirectory.appendingPathComponent("\(name).actual.png")
            try surface.savePNG(to: actual.path)
            outcome.note += outcome.note.isEmpty ? "" : "; "
            outcome.note += "\(outcome.differingPixels) pixels differ; actual frame written to \(actual.path)"
        }
        return outcome
    }
}

/// Ink measurements on rendered pixels.
public enum Ink {
    /// Whether a pixel differs from `background`.
    public static func isInk(_ surface: Surface, _ x: Int, _ y: Int, background: Color) -> Bool {
        let c = surface.pixel(x: x, y: y)
        return abs(Int(c.red) - Int(background.red)) + abs(Int(c.green) - Int(background.green))
            + abs(Int(c.blue) - Int(background.blue)) > 24
    }

    /// The bounding box of pixels differing from `background` inside `rect`, or nil.
    public static func bounds(_ surface: Surface, in rect: PixelRect, background: Color) -> PixelRect? {
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX where isInk(surface, x, y, background: background) {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        return minX == Int.max ? nil : PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// The ink pattern inside `rect` as rows of booleans, cropped to its bounding box.
    public static func pattern(_ surface: Surface, in rect: PixelRect, background: Color) -> [[Bool]] {
        guard let box = bounds(surface, in: rect, background: background) else { return [] }
        return (box.y..<box.maxY).map { y in (box.x..<box.maxX).map { x in isInk(surface, x, y, background: background) } }
    }
}
