import BangtinTestSupport
import Foundation
import Testing

/// The JSON Schemas editors use agree with the bundled content (checked by an independent
/// validator, Debian's python3-jsonschema, so a schema that drifts from the format fails here).
@Suite struct SchemaTests {
    static let script = """
        import glob, json, sys
        import jsonschema
        root = sys.argv[1]
        layout = json.load(open(root + "/docs/layout.schema.json"))
        schedule = json.load(open(root + "/docs/schedule.schema.json"))
        jsonschema.Draft202012Validator.check_schema(layout)
        jsonschema.Draft202012Validator.check_schema(schedule)
        count = 0
        for path in sorted(glob.glob(root + "/layouts/**/layout.json", recursive=True)):
            jsonschema.validate(json.load(open(path)), layout, cls=jsonschema.Draft202012Validator)
            count += 1
        for path in sorted(glob.glob(root + "/layouts/**/schedule.json", recursive=True)):
            jsonschema.validate(json.load(open(path)), schedule, cls=jsonschema.Draft202012Validator)
            count += 1
        bad = {"version": 1, "size": {"width": 10, "height": 10}, "regions": [{"frame": {"x": 0, "y": 0, "width": 5, "height": 5},
               "items": [{"kind": "text", "duration": 5, "text": "a", "colour": "#fff"}]}]}
        try:
            jsonschema.validate(bad, layout, cls=jsonschema.Draft202012Validator)
            print("schema accepted an unknown key"); sys.exit(1)
        except jsonschema.ValidationError:
            pass
        print(count)
        """

    @Test func bundledContentMatchesTheSchemas() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.script, Fixtures.root.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)\(errors)")
        #expect((Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 13, "files checked: \(output)")
    }
}
