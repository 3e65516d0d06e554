/// The largest content and work the player accepts, in one place (documented in
/// `docs/limits.md`).
///
/// Content arrives over the network and is written by hand: whatever it holds is either played
/// or refused with a message naming the file and the JSON path. These bounds keep every accepted
/// input within a known time and memory, so a hostile or mistaken file can never stop a board.
public enum Limits {
    // MARK: Files

    /// Bytes of a layout file. Reading 4 MB of the smallest JSON values takes about 150 MB
    /// (each value remembers where it stood, for messages); real layouts are a few kilobytes.
    public static let layoutFileBytes = 4 << 20
    /// Bytes of a `schedule.json` (10,000 entries written by a machine take 1 to 3 MB).
    public static let scheduleFileBytes = 4 << 20
    /// Bytes of a player configuration file.
    public static let configFileBytes = 1 << 20
    /// Bytes of a picture file.
    public static let pictureFileBytes = 64 << 20
    /// Bytes of a font file or a font catalog (`fonts.json`) named by `--fonts`.
    public static let fontFileBytes = 64 << 20

    // MARK: Boards, regions, items

    /// Pixels of a board's longer side.
    public static let boardSide = 16_384
    /// Pixels of a whole board (width × height): 8K UHD, 7680 × 4320.
    public static let boardPixels = 7_680 * 4_320
    /// Regions of one layout.
    public static let regionsPerLayout = 256
    /// Items in one region's playlist.
    public static let itemsPerRegion = 1_000
    /// Bytes of one uploaded batch of play records read back (`bangtin plays table`).
    public static let reportBatchBytes = 64 << 20
    /// Closed plays a player keeps in memory while its record store cannot be written (a dead
    /// disk, a store not mounted): about 15 MB, days of item changes; past it the oldest go.
    public static let recordsHeldInMemory = 50_000
    /// The smallest region a layout may name as its warning banner (`alertRegion`): a level
    /// badge and a readable scrolling line.
    public static let alertRegionMinimum = PixelSize(width: 96, height: 24)

    // MARK: Text

    /// Characters (what a reader counts as one letter, marks included) in any string.
    public static let textCharacters = 2_000
    /// Combining marks on one character: Vietnamese stacks two, Ê Đê and Jrai three.
    public static let marksPerCharacter = 4
    /// Characters × font size² of one text, ticker or clock: bounds the pixels it is set in
    /// (about 50 MB for the widest letters, measured): 2,000 characters up to 70 px, 1,000 at
    /// 100 px, 250 at 200 px. The demo layouts use at most 1,140,000.
    public static let textArea = 10_000_000
    /// Characters of a clock format pattern.
    public static let clockFormatCharacters = 200

    // MARK: Pictures

    /// Pixels of a decoded picture (width × height, 160 MB in memory).
    public static let picturePixels = 40_000_000
    /// Pixels of a picture's longer side.
    public static let pictureSide = 16_384

    // MARK: Schedules

    /// Entries of one schedule.
    public static let scheduleEntries = 10_000
    /// Layouts named by one schedule.
    public static let scheduleLayouts = 1_000
    /// Layouts in one campaign.
    public static let campaignLayouts = 100
    /// Dayparts of one entry.
    public static let dayparts = 32
    /// Layout plays valid at the same moment, a campaign counting each of its layouts: bounds
    /// the work of planning a day (measured: 0.7 s and 140 MB at this limit, worst case).
    public static let concurrentPlays = 2_000
    /// Milliseconds of one play of a scheduled layout: at least a second, at most a day.
    public static let playMilliseconds: ClosedRange<Int64> = 1_000...86_400_000

    // MARK: Command line

    /// Frames one `render --frames` run writes.
    public static let framesPerRun = 36_000
    /// Frames per second of `render --frames`.
    public static let framesPerSecond: ClosedRange<Double> = 1...240
    /// Thumbnails on one contact sheet.
    public static let thumbnails = 1_000
    /// Thumbnails per row of a contact sheet.
    public static let sheetColumns = 1...32
    /// Pixels of a thumbnail's width.
    public static let thumbnailWidth = 32...1_920
    /// Pixels of a whole contact sheet.
    public static let sheetPixels = 100_000_000
    /// Days between `preview --from` and `--to`.
    public static let previewDays = 31
    /// Rotation entries a plan names in its "why" and summary columns before "… and N more".
    public static let listedInPlan = 6
    /// Problems printed for one file before "… and N more".
    public static let problemsPerFile = 100

    // MARK: Content sync

    /// Bytes of a signed manifest envelope (`manifest.json`): 10,000 files take about 1.4 MB.
    public static let manifestBytes = 4 << 20
    /// Files one bundle version names.
    public static let bundleFiles = 10_000
    /// Bytes of one file of a bundle: a picture's limit with room for a video later.
    public static let bundleFileBytes = 256 << 20
    /// Bytes of a whole bundle version.
    public static let bundleBytes: Int64 = 4 << 30
    /// The largest version number (JSON numbers are exact to 2^53).
    public static let manifestVersion = 1 << 52
    /// Signatures on one envelope.
    public static let signaturesPerEnvelope = 16

    // MARK: Warnings

    /// Bytes of one warning document (CAP XML or a JSON alert): the largest real CAP message
    /// in the fixtures, an IPAWS alert carrying its audio inline, is 104 KB.
    public static let alertBytes = 2 << 20
    /// Nesting of XML elements (CAP nests five deep; an XML signature a few more).
    public static let xmlDepth = 32
    /// Elements of one XML document: a nationwide warning naming all 3,321 communes by
    /// geocode takes about 10,000.
    public static let xmlElements = 50_000
    /// Attributes (namespace declarations included) of one XML element.
    public static let xmlAttributesPerElement = 64
    /// Bytes of the text directly inside one XML element, or of one attribute value (an
    /// inline audio resource is about 100 KB).
    public static let xmlTextBytes = 1 << 20
    /// Characters of a warning's description or instruction (a headline, a name or an area's
    /// description has the content limit, `textCharacters`).
    public static let alertTextCharacters = 10_000
}
