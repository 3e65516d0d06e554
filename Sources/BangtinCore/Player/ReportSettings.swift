/// Where a board keeps and sends proof of play, its status and screenshots (`report` in the
/// configuration; docs/protocol.md). The link options (proxy, private CA, client identity,
/// bearer token, rate cap) are the sync's.
public struct ReportSettings: Hashable, Sendable {
    /// The base URL files are PUT under (`<url>/<board>/status.json`, …); nil keeps records on
    /// the board only (read them with `bangtin status`).
    public var url: String?
    /// Seconds between status documents.
    public var every: Int = 60
    /// Seconds between screenshots; 0 for none but those asked for.
    public var screenshotEvery: Int = 300
    /// Width of a screenshot in pixels (the board's own when it is narrower).
    public var screenshotWidth: Int = 640
    /// The folder of the record store (default `<cache>/report`).
    public var store: String?
    /// Megabytes the record store may hold before its oldest records are summarised.
    public var budgetMB: Int = 64
    /// Lines in one uploaded batch at most.
    public var batchLines: Int = 2_000
    /// Whether batches are sent gzip-compressed (`plays/<batch>.ndjson.gz`, about a tenth of
    /// the bytes on a 3G link); the source system must accept that name.
    public var gzip = false

    /// No reports.
    public init() {}

    /// Whether the configuration has a `report` section.
    public var isConfigured = false
}

extension PlayerConfig {
    /// The `report` keys: `url`, `every`, `screenshotEvery`, `screenshotWidth`, `store`,
    /// `budgetMB`, `batchLines`, `gzip`.
    static func decodeReport(_ top: inout ObjectReader, into config: inout PlayerConfig, problems: inout [Problem]) {
        guard let node = top.node("report"), var reader = ObjectReader(node, path: "report", problems: &problems) else {
            return
        }
        var report = ReportSettings()
        report.isConfigured = true
        report.url = reader.string("url", problems: &problems)
        if let url = report.url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            problems.append(Problem(path: "report.url", message: "must start with http:// or https://"))
        }
        report.every = reader.integer("every", in: 5...86_400, problems: &problems) ?? report.every
        report.screenshotEvery = reader.integer("screenshotEvery", in: 0...86_400, problems: &problems) ?? report.screenshotEvery
        if (1..<10).contains(report.screenshotEvery) {
            problems.append(Problem(path: "report.screenshotEvery", message: "must be 0 (only on request) or 10 seconds or more"))
        }
        report.screenshotWidth = reader.integer("screenshotWidth", in: 32...3_840, problems: &problems) ?? report.screenshotWidth
        report.store = reader.string("store", problems: &problems)
        report.budgetMB = reader.integer("budgetMB", in: 1...100_000, problems: &problems) ?? report.budgetMB
        report.batchLines = reader.integer("batchLines", in: 1...100_000, problems: &problems) ?? report.batchLines
        report.gzip = reader.bool("gzip", problems: &problems) ?? report.gzip
        reader.reportUnknownKeys(problems: &problems)
        // The default, `<cache>/report`, is set where paths are resolved (PlayerConfigFile).
        if report.store == nil, config.cache == nil {
            problems.append(Problem(path: "report.store", message: "is required when the board has no cache folder"))
        }
        config.report = report
    }
}
