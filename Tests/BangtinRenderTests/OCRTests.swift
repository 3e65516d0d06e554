import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// A rendered Vietnamese notice reads back through Tesseract's Vietnamese model: an oracle
/// independent of our own code that every diacritic landed on the right letter.
@Suite struct OCRTests {
    static let notice = """
        THÔNG BÁO LỊCH TIÊM CHỦNG
        Trạm Y tế xã tổ chức tiêm vắc-xin sởi cho trẻ từ 9 tháng đến 5 tuổi vào sáng thứ Bảy ngày 28 tháng 11 năm 2026.
        Đề nghị phụ huynh đưa trẻ đến đúng giờ và mang theo sổ tiêm chủng.
        """

    @Test func noticeReadsBackThroughTesseract() throws {
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 1600, "height": 520}, "background": "#ffffff", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 1600, "height": 520}, "padding": 40, "items": [
                {"kind": "text", "duration": 30, "color": "#000000", "lineSpacing": 1.3,
                 "font": {"family": "Noto Sans", "size": 44}, "text": "\#(Self.notice.replacingOccurrences(of: "\n", with: "\\n"))"}]}]}
            """#)
        let (surface, frames) = try Fixtures.render(layout, at: .epoch)
        #expect(frames.problems == [])
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("notice.png").path
        try surface.savePNG(to: png)

        let text = try Self.tesseract(png)
        let expected = Self.words(Self.notice)
        let read = Set(Self.words(text))
        let missing = expected.filter { !read.contains($0) }
        // Allow at most one misread word in the whole notice.
        #expect(missing.count <= 1, "Tesseract read:\n\(text)\nmissing words: \(missing)")
    }

    static func words(_ text: String) -> [String] {
        text.precomposedStringWithCanonicalMapping
            .components(separatedBy: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-")).inverted)
            .filter { !$0.isEmpty }
    }

    static func tesseract(_ png: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tesseract", png, "stdout", "-l", "vie", "--psm", "6"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TesseractMissing(
                message: "tesseract -l vie failed (status \(process.terminationStatus)); install tesseract-ocr-vie (.ci/run does)"
            )
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct TesseractMissing: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
