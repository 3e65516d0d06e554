import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// Picture sizes read from headers, before any decoder runs.
@Suite struct PictureHeaderTests {
    @Test func readsTheDemoPictures() throws {
        let files = [
            "district-lcd-1920x1080/assets/ban-do-bao.png", "district-lcd-1920x1080/assets/nha-van-hoa.jpg",
            "border-gate-1080x1920/assets/cua-khau.jpg",
        ]
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(Fixtures.layoutsDirectory)/\(file)")))
            let header = try PictureHeader.read(bytes)
            #expect(header.format == (file.hasSuffix("png") ? .png : .jpeg))
            #expect(header.size.width >= 100 && header.size.height >= 100, "\(file): \(header.size)")
        }
        let webP = try [UInt8](
            Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/BangtinRenderTests/Fixtures/split.webp")))
        #expect(try PictureHeader.read(webP) == PictureHeader(format: .webP, size: PixelSize(width: 40, height: 20)))
    }

    @Test func readsCraftedHeaders() throws {
        #expect(try PictureHeader.read(HostilePictures.png(width: 640, height: 480)).size == PixelSize(width: 640, height: 480))
        #expect(try PictureHeader.read(HostilePictures.jpeg(width: 641, height: 481)).size == PixelSize(width: 641, height: 481))
        #expect(
            try PictureHeader.read(HostilePictures.webPLossless(width: 642, height: 482)).size
                == PixelSize(width: 642, height: 482))
        #expect(
            try PictureHeader.read(HostilePictures.webPExtended(width: 643, height: 483)).size
                == PixelSize(width: 643, height: 483))
    }

    /// A 48 KB PNG that decodes to 20000 × 20000 asked for 2 GB: refused by its header.
    @Test(arguments: [
        HostilePictures.png(width: 20_000, height: 20_000), HostilePictures.png(width: .max, height: .max),
        HostilePictures.jpeg(width: 65_535, height: 65_535), HostilePictures.webPLossless(width: 16_384, height: 16_384),
        HostilePictures.webPExtended(width: 1 << 24, height: 1 << 24), HostilePictures.png(width: 16_385, height: 1),
    ])
    func oversizedPicturesAreRefused(_ bytes: [UInt8]) {
        #expect {
            try PictureHeader.read(bytes)
        } throws: { error in
            "\(error)".contains("a picture may have at most 40 megapixels and 16384 pixels a side")
        }
    }

    @Test(arguments: [
        (HostilePictures.gif, "is not a PNG, JPEG or WebP picture"),
        (Array(HostilePictures.png(width: 1, height: 1).prefix(20)), "is a PNG without an IHDR header"),
        (Array(HostilePictures.jpeg(width: 1, height: 1).prefix(22)), "is a JPEG without a readable frame header"),
        (HostilePictures.jpeg(width: 1, height: 0), "is a JPEG whose height comes after its image data (DNL)"),
        (HostilePictures.png(width: 0, height: 5), "declares an empty picture (0×5)"),
        ([0xFF, 0xD8, 0xFF, 0xDA, 0, 2], "is a JPEG without a readable frame header"),
        ([], "is not a PNG, JPEG or WebP picture"),
    ])
    func malformedHeadersAreRefused(bytes: [UInt8], message: String) {
        #expect(throws: PictureHeader.Problem(message: message)) { try PictureHeader.read(bytes) }
    }
}
