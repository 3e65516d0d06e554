/// Decodes one playlist item of any kind.
struct ItemDecoder {
    let fonts: FontCatalog
    let path: String

    static let kinds = ["text", "ticker", "image", "clock"]

    func decode(_ node: JSONNode, problems: inout [Problem]) -> Item? {
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        let kind = reader.string("kind", required: true, problems: &problems)
        var duration: Int64?
        if let seconds = reader.number("duration", required: true, problems: &problems) {
            if seconds <= 0 {
                problems.append(Problem(path: reader.pathOf("duration"), message: "must be greater than 0"))
            } else {
                duration = reader.milliseconds(
                    "duration", in: 0...(7 * 86_400), words: "must be at most a week (604800 s)", problems: &problems)
            }
        }
        let transition = reader.transition("transition", problems: &problems)
        var content: ItemContent?
        switch kind {
        case "text":
            let text = reader.string("text", required: true, problems: &problems)
            let style = decodeStyle(&reader, alignment: .left, verticalAlignment: .top, problems: &problems)
            checkArea(text, size: style.font.size, path: reader.pathOf("text"), problems: &problems)
            if let text { content = .text(TextItem(text: text, style: style)) }
        case "ticker":
            let text = reader.string("text", required: true, problems: &problems)
            let font = decodeFont(&reader, problems: &problems)
            checkArea(text, size: font.size, path: reader.pathOf("text"), problems: &problems)
            let color = reader.color("color", problems: &problems) ?? .white
            var speed = reader.number("speed", problems: &problems) ?? 60
            if speed <= 0 || speed > 10_000 {
                problems.append(
                    Problem(path: reader.pathOf("speed"), message: "must be greater than 0 and at most 10000 pixels per second"))
                speed = 60
            } else if speed < 0.0005 {
                // Speeds count thousandths of a pixel a second: this one would stand still.
                problems.append(
                    Problem(
                        path: reader.pathOf("speed"),
                        message: "\(speed) rounds to 0 (speeds count thousandths of a pixel a second, at least 0.001)"))
                speed = 60
            }
            let gap = reader.integer("gap", in: 0...16384, problems: &problems) ?? 64
            let valign = reader.choice("valign", VerticalAlignment.self, problems: &problems) ?? .middle
            if let text {
                content = .ticker(
                    TickerItem(
                        text: text, font: font, color: color, pixelsPerSecond: speed, gap: gap,
                        verticalAlignment: valign))
            }
        case "image":
            let imagePath = reader.string("path", required: true, problems: &problems)
            let fit = reader.choice("fit", ImageFit.self, problems: &problems) ?? .contain
            if let imagePath {
                if let problem = AssetPath.problem(with: imagePath) {
                    problems.append(Problem(path: reader.pathOf("path"), message: problem))
                } else {
                    content = .image(ImageItem(path: imagePath, fit: fit))
                }
            }
        case "clock":
            var format = ClockFormat.standard
            var pattern = reader.string("format", maxCharacters: Limits.clockFormatCharacters, problems: &problems)
            if let text = pattern {
                do {
                    format = try ClockFormat(text)
                } catch {
                    problems.append(Problem(path: reader.pathOf("format"), message: error.description))
                    pattern = nil
                }
            }
            let style = decodeStyle(&reader, alignment: .center, verticalAlignment: .middle, problems: &problems)
            checkArea(pattern, size: style.font.size, path: reader.pathOf("format"), problems: &problems)
            content = .clock(ClockItem(format: format, style: style))
        case nil:
            break
        case let other?:
            let expected = Self.kinds.joined(separator: ", ")
            problems.append(
                Problem(path: reader.pathOf("kind"), message: "unknown item kind \"\(other)\" (expected \(expected))"))
            return nil  // Its other keys mean nothing to us: don't report them as unknown.
        }
        reader.reportUnknownKeys(problems: &problems)
        guard let duration, let content else { return nil }
        return Item(durationMilliseconds: duration, content: content, transition: transition)
    }

    /// Text is set in pixels: its characters × font size² is bounded (`Limits.textArea`), so a
    /// long text in a huge font is refused here rather than asking gigabytes of the renderer.
    private func checkArea(_ text: String?, size: Int, path: String, problems: inout [Problem]) {
        guard let text else { return }
        let characters = text.count
        guard characters * size * size > Limits.textArea else { return }
        let most = Limits.textArea / (size * size)
        problems.append(
            Problem(
                path: path,
                message:
                    "\(characters) characters are too many to set at \(size) px (at most \(most) at that size): shorten the text or use a smaller font"
            ))
    }

    private func decodeStyle(
        _ reader: inout ObjectReader, alignment: HorizontalAlignment,
        verticalAlignment: VerticalAlignment, problems: inout [Problem]
    ) -> TextStyle {
        let font = decodeFont(&reader, problems: &problems)
        let color = reader.color("color", problems: &problems) ?? .white
        let align = reader.choice("align", HorizontalAlignment.self, problems: &problems) ?? alignment
        let valign = reader.choice("valign", VerticalAlignment.self, problems: &problems) ?? verticalAlignment
        var spacing = reader.number("lineSpacing", problems: &problems) ?? 1
        if !(0.5...3).contains(spacing) {
            problems.append(
                Problem(path: reader.pathOf("lineSpacing"), message: ObjectReader.rangeMessage(0.5...3.0, found: "\(spacing)")))
            spacing = 1
        }
        let wrap = reader.bool("wrap", problems: &problems) ?? true
        let fitName = reader.string("fit", problems: &problems) ?? "none"
        let minimum = reader.integer("minSize", in: 4...1000, problems: &problems) ?? 8
        var fit = TextFit.none
        switch fitName {
        case "none": break
        case "shrink":
            fit = .shrink(minimumSize: minimum)
            if minimum > font.size {
                problems.append(Problem(path: reader.pathOf("minSize"), message: "must not exceed the font size \(font.size)"))
            }
        default:
            problems.append(Problem(path: reader.pathOf("fit"), message: "unknown value \"\(fitName)\" (expected none, shrink)"))
        }
        return TextStyle(
            font: font, color: color, alignment: align, verticalAlignment: valign, lineSpacing: spacing,
            wrap: wrap, fit: fit)
    }

    private func decodeFont(_ reader: inout ObjectReader, problems: inout [Problem]) -> FontSpec {
        guard let node = reader.node("font") else { return .standard }
        let path = reader.pathOf("font")
        guard var font = ObjectReader(node, path: path, problems: &problems) else { return .standard }
        let family = font.string("family", problems: &problems) ?? FontSpec.standard.family
        if fonts.families[family] == nil {
            let known = fonts.families.keys.sorted().joined(separator: ", ")
            problems.append(
                Problem(path: font.pathOf("family"), message: "unknown font family \"\(family)\" (bundled: \(known))"))
        }
        let size = font.integer("size", in: 4...1000, problems: &problems) ?? FontSpec.standard.size
        let weight = font.choice("weight", FontWeight.self, problems: &problems) ?? .regular
        font.reportUnknownKeys(problems: &problems)
        return FontSpec(family: family, size: size, weight: weight)
    }
}
