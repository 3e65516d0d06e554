import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation

/// Loads a bundle folder or a layout file, printing every problem and failing on any.
func loadContent(_ path: String, fonts: FontLibrary) throws -> ContentBundle {
    do {
        return try BundleFolder.load(path, fonts: fonts.catalog)
    } catch {
        throw fail(with: error)
    }
}

/// Reads `--day YYYY-MM-DD`, a day of `Instant.supportedSpan`.
func parseDay(_ text: String) throws -> (year: Int, month: Int, day: Int) {
    let fields = text.split(separator: "-", omittingEmptySubsequences: false)
    let parts = fields.compactMap { field in field.allSatisfy(\.isASCII) && field.allSatisfy(\.isNumber) ? Int(field) : nil }
    guard fields.count == 3, parts.count == 3, fields[0].count == 4, (1...12).contains(parts[1]),
        (1...CivilDate.daysInMonth(year: parts[0], month: parts[1])).contains(parts[2])
    else {
        throw ValidationError("invalid day \"\(text)\" (expected YYYY-MM-DD, e.g. 2026-11-23)")
    }
    guard (1678...2261).contains(parts[0]) else {
        throw ValidationError("day \"\(text)\" is outside the supported span \(Instant.supportedSpanDescription)")
    }
    return (parts[0], parts[1], parts[2])
}

/// Wall-clock text of an instant in a zone: `08:05:00`, with the date when asked.
func localText(_ instant: Instant, zone: String, date: Bool = false) -> String {
    let tz = ContentTimeZone.named(zone)
    let format = date ? "{dd}/{MM}/{yyyy} {HH}:{mm}:{ss}" : "{HH}:{mm}:{ss}"
    return (try? ClockFormat(format))?.text(at: instant, in: tz) ?? instant.description
}
