// libFuzzer target over the content decoders: every input is read as a layout, a schedule, a
// player configuration, a warning (CAP XML or JSON alert), a manifest and a signed envelope
// (its key ids printed), and as JSON, a picture header, text to escape and an identifier; whatever a decoder accepts must then play: scenes at ordinary and extreme instants, a
// day's segments, an hour's changes.
//
// Not a SwiftPM target: scripts/fuzz.sh compiles it with BangtinCore's sources into one module
// (`swiftc -sanitize=fuzzer,address`) and runs it for a bounded time.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzDecoders.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

enum FuzzDecoders {
    /// The bundled families, without files: decoding only looks at their names.
    static let fonts = FontCatalog(
        families: ["Noto Sans": [.regular: "r.ttf", .bold: "b.ttf"], "Noto Serif": [.regular: "r.ttf", .bold: "b.ttf"]],
        fallback: [])

    static let instants: [Instant] = [
        .min, Instant.supportedSpan.lowerBound, .epoch, Instant(secondsSinceEpoch: 1_795_395_900),
        Instant(secondsSinceEpoch: 1_795_395_900).advanced(byNanoseconds: 43_210_987_654_321),
        Instant.supportedSpan.upperBound.advanced(byNanoseconds: -1), .max,
    ]

    static func run(_ bytes: [UInt8]) {
        _ = try? JSONParser.parse(bytes)
        _ = try? PictureHeader.read(bytes)
        _ = PlayerConfig.decode(bytes)
        _ = WarningDecoder.decode(bytes)
        _ = Manifest.decode(bytes)
        if let list = WarningKeyList.decode(bytes).list {
            // A key list's scopes judge a warning like the board's would.
            for entry in list.keys { _ = entry.scope.text }
        }
        _ = try? WarningScope.parse(String(decoding: bytes.prefix(4_096), as: UTF8.self))
        if let message = WarningDecoder.decode(bytes).message {
            let signer = WarningAuthority.Signer(
                keyID: "0000000000000000", name: "fuzz",
                scope: WarningScope(senders: ["*@khanhhoa.gov.vn"], areas: ["56"]))
            for instant in [message.sent, Instant.epoch, Instant.max] {
                _ = WarningAuthority.judge(message, signer: signer, board: BoardArea(province: "56"), now: instant)
            }
        }
        if let envelope = try? SignedEnvelope.decode(bytes) {
            _ = SyncRefusal.untrusted(keyIDs: envelope.signatures.map(\.keyID), trusted: []).description
        }
        let text = String(decoding: bytes, as: UTF8.self)
        _ = PrintableText.escaped(text)
        _ = SafeIdentifier.problem(with: text, at: "board")
        if let layout = LayoutDecoder(fonts: fonts).decode(bytes).layout { play(layout) }
        if let schedule = ScheduleDecoder.decode(bytes).schedule { play(schedule) }
    }

    static func play(_ layout: Layout) {
        for instant in instants {
            for start in [Instant.epoch, instant, .min, .max] {
                let (scene, _) = layout.timedScene(at: instant, startedAt: start, subpixel: true)
                _ = scene.advanced(to: instant.advanced(byNanoseconds: 16_666_667), subpixel: true)
            }
        }
        let scheduler = Scheduler(bundle: .single(layout))
        for instant in instants { _ = scheduler.scene(at: instant) }
    }

    /// A schedule plays with stand-in layouts of its board's size, one region each.
    static func play(_ schedule: Schedule) {
        let size = schedule.size
        let item = Item(durationMilliseconds: 7_000, content: .text(TextItem(text: "x", style: TextStyle())))
        let layout = Layout(
            size: size,
            regions: [Region(id: "r", frame: PixelRect(x: 0, y: 0, width: size.width, height: size.height), items: [item])])
        let bundle = ContentBundle(schedule: schedule, layouts: schedule.layouts.mapValues { _ in layout })
        guard bundle.problems().isEmpty else { return }
        let scheduler = Scheduler(bundle: bundle)
        for instant in instants {
            var timed: TimedScene?
            _ = scheduler.scene(at: instant, reusing: &timed)
            _ = scheduler.scene(at: instant.advanced(byNanoseconds: 1_000_000_000), reusing: &timed)
            _ = scheduler.segments(day: scheduler.day(of: instant))
            _ = scheduler.changes(from: instant, to: instant.advanced(byNanoseconds: 3_600_000_000_000), limit: 50)
        }
    }
}
