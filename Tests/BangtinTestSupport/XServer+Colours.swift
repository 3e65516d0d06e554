import BangtinCore
import BangtinRender
import Foundation

extension XServer {
    /// Screenshots the board at the top-left corner of the screen every 0.1 s until the colours
    /// of its column `x` (a warning fills the board's side in its level's colour) satisfy
    /// `matches`, or `seconds` pass; whether they did. At least one screenshot is taken.
    public func column(
        _ x: Int = 1, ofBoard width: Int, _ height: Int, through path: String, within seconds: Double,
        until matches: (Set<Color>) -> Bool
    ) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            try screenshot(width: width, height: height, to: path)
            let surface = try Surface.loadARGB(path: path)
            if matches(Set((0..<height).map { surface.pixel(x: x, y: $0) })) { return true }
            usleep(100_000)
        } while Date() < deadline
        return false
    }
}
