/// Decodes `{"days": ["mon", …], "from": "HH:MM", "to": "HH:MM"}` (schedules, operating hours).
enum DaypartDecoder {
    static func decode(_ node: JSONNode, path: String, allowing extra: [String] = [], problems: inout [Problem]) -> Daypart? {
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        for key in extra { reader.allow(key) }
        var weekdays = Set(0...6)
        if let days = reader.array("days", maxCount: 7, problems: &problems) {
            weekdays = []
            for (index, day) in days.enumerated() {
                guard case .string(let name) = day.value, let number = Daypart.weekdayNames.firstIndex(of: name) else {
                    problems.append(
                        Problem(
                            path: JSONPath.element(reader.pathOf("days"), index),
                            message: "must be one of sun, mon, tue, wed, thu, fri, sat"))
                    continue
                }
                weekdays.insert(number)
            }
        }
        let start = minutes(&reader, "from", allowEndOfDay: false, problems: &problems)
        let end = minutes(&reader, "to", allowEndOfDay: true, problems: &problems)
        reader.reportUnknownKeys(problems: &problems)
        guard let start, let end else { return nil }
        if start == end {
            problems.append(
                Problem(path: reader.pathOf("to"), message: "must differ from \"from\" (for all day, omit the daypart)"))
            return nil
        }
        return Daypart(weekdays: weekdays, startMinute: start, endMinute: end == 0 ? 1440 : end)
    }

    private static func minutes(_ reader: inout ObjectReader, _ key: String, allowEndOfDay: Bool, problems: inout [Problem])
        -> Int?
    {
        guard let text = reader.string(key, required: true, problems: &problems) else { return nil }
        let parts = text.split(separator: ":")
        // Two ASCII digits each: Int("-1") would read a sign and let "-1:30" through.
        let digits = parts.allSatisfy { $0.utf8.count == 2 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        if parts.count == 2, digits, let hour = Int(parts[0]), let minute = Int(parts[1]),
            minute < 60, hour < 24 || (allowEndOfDay && hour == 24 && minute == 0)
        {
            return hour * 60 + minute
        }
        problems.append(
            Problem(path: reader.pathOf(key), message: "\"\(text)\" is not a time of day (expected HH:MM, e.g. 06:30)"))
        return nil
    }

}
