// Renders a bundle (or one layout) to PNG at an instant, with BangtinRender as a library: what a
// provincial portal's Swift service does to preview a board.
//
//   swift run RenderBundle layouts/xa-tan-phu-tuan 2026-11-28T17:00:00 board.png
import BangtinCore
import BangtinRender
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 3 else {
    print("usage: RenderBundle CONTENT INSTANT OUT.png   (INSTANT in ISO-8601; no offset: the content's zone)")
    exit(2)
}
let (content, when, out) = (arguments[1], arguments[2], arguments[3])
let fonts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fonts").path
do {
    let board = try BoardRenderer(content: content, fonts: fonts)
    let instant = try Instant.parse(when, localZone: board.timeZone)
    let png = board.png(at: instant)
    try Data(png).write(to: URL(fileURLWithPath: out))
    print("\(out): \(board.size.width)×\(board.size.height), \(board.scene(at: instant).decision.summary), \(png.count) bytes")
    for problem in board.problems { print("warning: \(problem)") }
} catch {
    print("error: \(error)")
    exit(1)
}
