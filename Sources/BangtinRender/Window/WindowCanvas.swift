import BangtinCore
import CSDL2
import Foundation
import Logging

/// Where a player's frames are drawn before they reach the window.
public protocol WindowCanvas: AnyObject {
    /// The drawing path.
    var frames: FrameRenderer { get }
    /// Whether `present()` waits for the display's vertical blank.
    var hasVsync: Bool { get }
    /// A short description for logs.
    var name: String { get }
    /// Whether pictures can be placed at fractions of a pixel (smooth tickers); SDL's software
    /// renderer places them at whole pixels only.
    var drawsSubpixels: Bool { get }
    /// Draws `scene` (only `dirty` when given) and prepares it for the window, without waiting;
    /// copies what it can from `frame`, drawn ahead.
    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int, from frame: PreparedFrame?)
    /// Shows what was drawn (may wait for vsync).
    func present()
    /// Sends the whole board to the window again as it is (the window was exposed).
    func refresh()
    /// The window's events said it changed (exposed, resized): draw everything anew into
    /// whatever surface it has now.
    func windowChanged()
}

/// Which canvas to draw a window with.
public enum CanvasKind: Hashable, Sendable {
    /// Accelerated with vsync where there is a real GPU, else software.
    case auto
    /// SDL's software renderer: pixel-identical to headless rendering.
    case software
    /// The GPU renderer with vsync.
    case accelerated
}

/// Opens the canvas asked for, falling back to software when the GPU path fails.
/// - Parameters:
///   - window: the board's window.
///   - board: the board's exact pixel size.
///   - kind: software or accelerated, as configured.
///   - fonts: the fonts layouts name.
///   - prepared: text and pictures a preparation thread makes ready for this canvas.
///   - logger: where a fallback and problems drawing go.
public func makeCanvas(
    window: BoardWindow, board: PixelSize, kind: CanvasKind, fonts: FontLibrary, prepared: PreparedAssets?, logger: Logger
) throws(SDLError) -> any WindowCanvas {
    // No GPU device at all (a headless server, Xvfb): OpenGL could only be emulated on the CPU,
    // dearer than SDL's own software path, so `auto` does not even try it.
    let hasGPU = ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []).contains {
        $0.hasPrefix("card") || $0.hasPrefix("renderD")
    }
    if kind == .accelerated || (kind == .auto && hasGPU) {
        do {
            let canvas = try AcceleratedCanvas(
                window: window, board: board, fonts: fonts, prepared: prepared, logger: logger)
            // OpenGL emulated on the CPU (Mesa llvmpipe, no GPU) costs far more than SDL's own
            // software path: let `auto` take the software path there.
            if kind == .auto, let gl = canvas.glRenderer,
                ["llvmpipe", "softpipe", "swrast", "Software"].contains(where: gl.contains)
            {
                logger.notice("OpenGL is emulated on the CPU (\(gl)); using the software renderer")
            } else {
                return canvas
            }
        } catch  where kind == .auto {
            logger.notice("no accelerated renderer (\(error)); using the software renderer")
        }
    }
    return try SoftwareCanvas(window: window, board: board, fonts: fonts, prepared: prepared, logger: logger)
}
