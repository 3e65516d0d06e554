import BangtinCore
import BangtinTestSupport
import CSDL2
import Foundation
import Testing

@testable import BangtinRender

/// The window's drawing path, in a real SDL window on SDL's offscreen video driver (no X
/// server needed): it follows the window through resizes and keeps its handles alive.
@Suite(.serialized) struct WindowCanvasTests {
    init() throws {
        // A hint, not the environment variable: programs other tests start must not inherit it.
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen")
        try SDLRuntime.startVideo()
    }

    let board = PixelSize(width: 192, height: 64)

    func scene() throws -> Scene {
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 192, "height": 64}, "background": "#0000c0",
             "regions": [{"frame": {"x": 0, "y": 0, "width": 96, "height": 64}, "background": "#c00000",
               "items": [{"kind": "text", "duration": 10, "text": "Họp dân"}]}]}
            """#)
        return layout.boardScene(at: Fixtures.instant("2026-11-23T08:05:00+07:00"))
    }

    /// The window surface's pixel at `x`, `y` (the canvas has just drawn, so it is current).
    func pixel(_ window: BoardWindow, _ x: Int, _ y: Int) -> UInt32 {
        let surface = SDL_GetWindowSurface(window.handle)!
        let row = surface.pointee.pixels.advanced(by: y * Int(surface.pointee.pitch))
        return row.assumingMemoryBound(to: UInt32.self)[x] & 0xFF_FFFF
    }

    /// SDL replaces a window's surface when the window changes size; the canvas must follow
    /// (straight into the window at the board's size, scaled otherwise) and never draw into
    /// the surface SDL let go of.
    @Test func softwareCanvasFollowsTheWindowThroughResizes() throws {
        let window = try BoardWindow(title: "test", placement: .init(mode: .windowed, size: board))
        let canvas = try makeCanvas(
            window: window, board: board, kind: .software, fonts: try Fixtures.fonts(), prepared: nil,
            logger: Fixtures.quietLogger)
        let scene = try scene()
        let sizes = [
            board, PixelSize(width: 384, height: 128), board, PixelSize(width: 96, height: 32), board, board,
            PixelSize(width: 384, height: 128), PixelSize(width: 400, height: 300), board,
        ]
        for size in sizes {
            window.resize(to: size)
            if case .resized = window.pollEvents() { canvas.windowChanged() }
            canvas.draw(scene, dirty: nil, brightness: 100, from: nil)
            canvas.present()
            #expect(window.size == size)
            let placed = BoardWindow.fit(board, in: size)
            // A quarter of the way across the board: the red region; three quarters: the blue ground.
            let red = pixel(window, placed.x + placed.width / 8, placed.y + placed.height / 8)
            let blue = pixel(window, placed.x + placed.width * 7 / 8, placed.y + placed.height / 2)
            #expect(red == 0xC0_0000, "at \(size): \(String(red, radix: 16))")
            #expect(blue == 0x00_00C0, "at \(size): \(String(blue, radix: 16))")
            #expect(canvas.name.hasPrefix("software"))
            if size == board { #expect(!canvas.name.contains("scaled"), "at the board's size it draws straight in") }
        }
    }

    /// SDL destroys a window's renderer with the window: a renderer made for a window keeps it.
    @Test func aWindowsRendererKeepsItsWindowAlive() throws {
        weak var gone: BoardWindow?
        let renderer: Renderer
        do {
            let window = try BoardWindow(title: "test", placement: .init(mode: .windowed, size: board))
            gone = window
            renderer = try Renderer(window: window, vsync: false)
        }
        #expect(gone != nil, "the renderer holds its window")
        renderer.clear(.black)
        renderer.present()
    }
}
