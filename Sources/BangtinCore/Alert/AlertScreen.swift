/// What the board shows while emergency alerts are active: one full-board screen per alert in
/// its risk level's colour, the most urgent first, taking turns when there are several.
///
/// A pure function of the alerts and the instant, so `render`, previews and the live board
/// agree on every frame of a warning too.
public enum AlertScreen {
    /// How long each alert shows before the next when several are active.
    public static let turnMilliseconds: Int64 = 15_000

    /// The name of the alert layout in scenes and play records.
    public static let layoutName = "canh-bao"

    /// The scene at `instant` while `alerts` (not empty) are active on a board of `size`, and
    /// until when it holds but for ticker travel.
    /// - Parameter zone: the board's time zone, for the clock line.
    public static func timedScene(alerts: [Alert], size: PixelSize, zone: String, at instant: Instant) -> TimedScene {
        let turn = Turn(alerts, at: instant)
        let layout = Self.layout(for: turn.alert, page: turn.page, size: size, zone: zone)
        var (main, until) = layout.timedScene(at: instant, startedAt: turn.since)
        main.name = layoutName
        if let end = turn.end { until = min(until, end) }
        let decision = SceneDecision(
            layout: layoutName, reason: .alert, alerts: turn.ordered.map(\.id), since: turn.start, plannedEnd: .distantFuture)
        return TimedScene(
            scene: Scene(main: main, decision: decision), computedAt: instant, stableUntil: max(instant, until))
    }

    /// The warning as a banner inside `frame` of a layout that keeps its other regions in view
    /// (`Layout.alertRegion`): the same rotation and template, fitted to the region (a level
    /// badge and a scrolling line when it is 96 pixels high or less), drawn over everything.
    /// - Parameter firstIndex: region indices for the banner's pieces start here (after the
    ///   layout's own).
    /// - Returns: the banner's regions in drawing order, until when they hold but for ticker
    ///   travel, and the alerts most urgent first.
    public static func timedBanner(
        alerts: [Alert], in frame: PixelRect, zone: String, firstIndex: Int, at instant: Instant
    ) -> (regions: [RegionScene], stableUntil: Instant, ordered: [Alert], since: Instant) {
        let turn = Turn(alerts, at: instant)
        let size = PixelSize(width: frame.width, height: frame.height)
        let layout = Self.layout(for: turn.alert, page: turn.page, size: size, zone: zone)
        var (scene, until) = layout.timedScene(at: instant, startedAt: turn.since)
        if let end = turn.end { until = min(until, end) }
        let regions = scene.regions.map { piece in
            var piece = piece
            piece.index += firstIndex
            piece.id = "\(layoutName).\(piece.id)"
            piece.frame = PixelRect(
                x: frame.x + piece.frame.x, y: frame.y + piece.frame.y, width: piece.frame.width, height: piece.frame.height)
            // The template's own background, which a banner does not have, under every piece.
            piece.background = piece.background ?? layout.background
            return piece
        }
        return (regions, max(instant, until), turn.ordered, turn.start)
    }

    /// Which alert is on at an instant: most urgent first, taking turns.
    struct Turn {
        let ordered: [Alert]
        let alert: Alert
        /// "n/m" when several take turns.
        let page: (Int, Int)?
        /// The newest alert's issue: turns count from it, so a new warning comes on with the
        /// most urgent first rather than wherever an older rotation had got to.
        let start: Instant
        /// When this turn began, and when it ends (nil for a lone alert).
        let since: Instant
        let end: Instant?

        init(_ alerts: [Alert], at instant: Instant) {
            ordered = alerts.sorted(by: Alert.mostUrgentFirst)
            start = ordered.map(\.sent).max() ?? .epoch
            let turn = AlertScreen.turnMilliseconds * 1_000_000
            let elapsed = max(0, instant.nanoseconds(since: start))
            let several = ordered.count > 1
            let index = several ? Int((elapsed / turn) % Int64(ordered.count)) : 0
            alert = ordered[index]
            page = several ? (index + 1, ordered.count) : nil
            since = several ? start.advanced(byNanoseconds: elapsed / turn * turn) : start
            end = several ? since.advanced(byNanoseconds: turn) : nil
        }
    }

    /// One alert's screen: a band naming the warning and its level, the headline, what is
    /// happening and what to do, and who issued it.
    public static func layout(for alert: Alert, page: (Int, Int)?, size: PixelSize, zone: String) -> Layout {
        if size.height <= 96 { return ribbon(for: alert, size: size, zone: zone) }
        let level = alert.level
        let ground = level?.color ?? RiskLevel(4)!.color
        let ink = level?.textColor ?? .white
        // A tall (portrait) screen has the height to give the words bigger letters and more
        // lines; a wide one is bounded by its height.
        let tall = size.height * 4 > size.width * 5
        let unit = max(8, tall ? min(size.width / 9, size.height / 10) : min(size.width / 12, size.height / 8))
        let pad = max(2, size.height / 48)
        let band = max(unit + 2 * pad, size.height / 6)
        let footer = max(unit / 2 + 2 * pad, size.height / 12)
        var title = alert.isExercise ? "DIỄN TẬP · CẢNH BÁO" : "CẢNH BÁO KHẨN CẤP"
        if let level { title += " · RỦI RO THIÊN TAI CẤP \(level.value)" }
        if let (number, count) = page { title += " · \(number)/\(count)" }
        let headlineHeight = (size.height - band - footer) * (tall ? 1 : 2) / (tall ? 3 : 5)
        let bodySize = unit * (tall ? 4 : 2) / (tall ? 5 : 3)
        let bodyY = band + headlineHeight
        var body = alert.description
        if !alert.instruction.isEmpty { body += (body.isEmpty ? "" : "\n") + alert.instruction }
        if let whereAndUntil = Self.whereAndUntil(alert, zone: zone) { body += (body.isEmpty ? "" : "\n") + whereAndUntil }
        func text(_ text: String, size points: Int, bold: Bool, color: Color, align: HorizontalAlignment = .center)
            -> ItemContent
        {
            .text(
                TextItem(
                    text: text,
                    style: TextStyle(
                        font: FontSpec(family: "Noto Sans", size: points, weight: bold ? .bold : .regular), color: color,
                        alignment: align, verticalAlignment: .middle, fit: .shrink(minimumSize: 6))))
        }
        let hold = turnMilliseconds
        var regions = [
            Region(
                id: "tieu-de", frame: PixelRect(x: 0, y: 0, width: size.width, height: band), background: ink, padding: pad,
                items: [Item(durationMilliseconds: hold, content: text(title, size: unit * 3 / 4, bold: true, color: ground))]),
            Region(
                id: "tieu-diem", frame: PixelRect(x: 0, y: band, width: size.width, height: headlineHeight), padding: pad,
                items: [Item(durationMilliseconds: hold, content: text(alert.headline, size: unit, bold: true, color: ink))]),
            Region(
                id: "chi-tiet",
                frame: PixelRect(x: 0, y: bodyY, width: size.width, height: size.height - footer - bodyY), padding: pad,
                items: [Item(durationMilliseconds: hold, content: text(body, size: bodySize, bold: false, color: ink))]),
        ]
        // The sender is text, never a pattern: braces in it stay braces.
        var source = (try? ClockFormat("{HH}:{mm} {dd}/{MM}/{yyyy}")) ?? .standard
        if !alert.sender.isEmpty { source.pieces.insert(.literal(VietnameseText.normalized(alert.sender + " · ")), at: 0) }
        regions.append(
            Region(
                id: "nguon", frame: PixelRect(x: 0, y: size.height - footer, width: size.width, height: footer),
                background: ink, padding: pad,
                items: [
                    Item(
                        durationMilliseconds: hold,
                        content: .clock(
                            ClockItem(
                                format: source,
                                style: TextStyle(
                                    font: FontSpec(family: "Noto Sans", size: unit / 2), color: ground, alignment: .center,
                                    verticalAlignment: .middle, fit: .shrink(minimumSize: 6)))))
                ]))
        return Layout(name: layoutName, size: size, background: ground, timeZone: zone, regions: regions)
    }

    /// "Khu vực: … · Hiệu lực đến 07:30 25/11/2026", or nil when the alert names neither.
    static func whereAndUntil(_ alert: Alert, zone: String) -> String? {
        var parts: [String] = []
        if !alert.area.isEmpty { parts.append("Khu vực: \(alert.area)") }
        if let expires = alert.expires, let format = try? ClockFormat("{HH}:{mm} {dd}/{MM}/{yyyy}") {
            parts.append("Hiệu lực đến \(format.text(at: expires, in: ContentTimeZone.named(zone)))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// A low board (a 192×64 LED strip): a level badge on the left in the level's colour, and
    /// the whole warning as one scrolling line beside it, so nothing is clipped at any size.
    static func ribbon(for alert: Alert, size: PixelSize, zone: String) -> Layout {
        let level = alert.level
        let ground = level?.color ?? RiskLevel(4)!.color
        let ink = level?.textColor ?? .white
        let badgeWidth = min(size.width / 3, max(size.height, 40))
        let badge = level.map { "CẤP\n\($0.value)" } ?? "KHẨN"
        var line = (alert.isExercise ? "DIỄN TẬP · " : "CẢNH BÁO KHẨN CẤP: ") + alert.headline
        if !alert.instruction.isEmpty { line += ". " + alert.instruction }
        if let whereAndUntil = whereAndUntil(alert, zone: zone) { line += " · " + whereAndUntil }
        let points = max(8, size.height * 11 / 20)
        let hold = turnMilliseconds
        return Layout(
            name: layoutName, size: size, background: ground, timeZone: zone,
            regions: [
                Region(
                    id: "cap-do", frame: PixelRect(x: 0, y: 0, width: badgeWidth, height: size.height), background: ink,
                    padding: 2,
                    items: [
                        Item(
                            durationMilliseconds: hold,
                            content: .text(
                                TextItem(
                                    text: badge,
                                    style: TextStyle(
                                        font: FontSpec(family: "Noto Sans", size: max(8, size.height * 2 / 5), weight: .bold),
                                        color: ground, alignment: .center, verticalAlignment: .middle,
                                        fit: .shrink(minimumSize: 6)))))
                    ]),
                Region(
                    id: "chu-chay", frame: PixelRect(x: badgeWidth, y: 0, width: size.width - badgeWidth, height: size.height),
                    padding: 2,
                    items: [
                        Item(
                            durationMilliseconds: hold,
                            content: .ticker(
                                TickerItem(
                                    text: line, font: FontSpec(family: "Noto Sans", size: points, weight: .bold), color: ink,
                                    pixelsPerSecond: 48, gap: size.width / 2)))
                    ]),
            ])
    }
}
