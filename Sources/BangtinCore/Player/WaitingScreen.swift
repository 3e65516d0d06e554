/// What a board shows when no valid content has ever loaded: never a black screen, and the
/// problem named for whoever comes to look.
public enum WaitingScreen {
    /// The name of the waiting layout in scenes.
    public static let layoutName = "waiting"

    /// The waiting screen for a board of `size`, naming the first line of `problem` if any.
    public static func layout(size: PixelSize, problem: String?) -> Layout {
        let big = max(10, min(size.width / 16, size.height / 6))
        let small = max(8, big / 3)
        let note = (problem.map { String($0.split(separator: "\n").first ?? "") } ?? "")
        // The note is text, never a clock pattern: braces in a file name stay braces.
        var clock = (try? ClockFormat("{HH}:{mm} · {weekday}, {dd}/{MM}/{yyyy}")) ?? .standard
        if !note.isEmpty { clock.pieces.append(.literal("\n" + VietnameseText.normalized(note))) }
        return Layout(
            name: layoutName, size: size, background: Color(red: 0x0A, green: 0x18, blue: 0x38),
            regions: [
                Region(
                    id: "title", frame: PixelRect(x: 0, y: 0, width: size.width, height: size.height * 2 / 3),
                    padding: max(2, size.height / 40),
                    items: [
                        Item(
                            durationMilliseconds: 60_000,
                            content: .text(
                                TextItem(
                                    text: "BẢNG TIN ĐIỆN TỬ\nĐang chờ nội dung hợp lệ",
                                    style: TextStyle(
                                        font: FontSpec(family: "Noto Sans", size: big, weight: .bold),
                                        color: Color(red: 0xFF, green: 0xD2, blue: 0),
                                        alignment: .center, verticalAlignment: .middle, fit: .shrink(minimumSize: 6)))))
                    ]),
                Region(
                    id: "detail",
                    frame: PixelRect(x: 0, y: size.height * 2 / 3, width: size.width, height: size.height - size.height * 2 / 3),
                    padding: max(2, size.height / 40),
                    items: [
                        Item(
                            durationMilliseconds: 60_000,
                            content: .clock(
                                ClockItem(
                                    format: clock,
                                    style: TextStyle(
                                        font: FontSpec(family: "Noto Sans", size: small), color: .white, alignment: .center,
                                        verticalAlignment: .middle, fit: .shrink(minimumSize: 6)))))
                    ]),
            ])
    }
}
