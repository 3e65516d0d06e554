import BangtinCore
import BangtinRender

/// Small images made in code, so tests don't depend on binary fixtures.
public enum TestImages {
    /// Writes a 40×20 PNG: left half pure red, right half pure green.
    public static func writeSplitPNG(to path: String) throws {
        let layout = Layout(
            size: PixelSize(width: 40, height: 20), background: Color(red: 255, green: 0, blue: 0),
            regions: [
                Region(
                    id: "green", frame: PixelRect(x: 20, y: 0, width: 20, height: 20),
                    background: Color(red: 0, green: 255, blue: 0),
                    items: [Item(durationMilliseconds: 1000, content: .text(TextItem(text: "", style: TextStyle())))])
            ])
        let (surface, _) = try Fixtures.render(layout, at: .epoch)
        try surface.savePNG(to: path)
    }
}
