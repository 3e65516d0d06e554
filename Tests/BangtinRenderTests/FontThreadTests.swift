import BangtinCore
import BangtinTestSupport
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import BangtinRender

/// Several threads set text at once, each with its own faces, opening and closing fonts all
/// the while: FreeType's library is shared, so opening and closing a face happens under a lock.
@Suite(.serialized) struct FontThreadTests {
    /// A face is opened and closed inside the lock, also when its owner lets it go on
    /// whatever thread that happens.
    @Test func facesOpenAndCloseUnderTheLock() throws {
        let fonts = try Fixtures.fonts()
        let (opened, closed) = (FreeType.count(.open), FreeType.count(.close))
        do {
            let faces = fonts.faces()
            _ = try faces.chain(for: FontSpec(family: "Noto Sans", size: 31))
            #expect(FreeType.count(.open) > opened)
            #expect(FreeType.count(.close) == closed)
        }
        // Every face opened was closed under the lock when `faces` went.
        #expect(FreeType.count(.close) - closed == FreeType.count(.open) - opened)
    }

    /// Smoke test: threads with their own faces set text at sizes of their own at the same
    /// time, opening and closing faces all along, and draw what one thread alone draws.
    @Test func threadsSetTextAtOnceWithTheirOwnFaces() throws {
        let fonts = try Fixtures.fonts()
        func layout(size: Int) throws -> Layout {
            try Fixtures.layout(
                #"""
                {"version": 1, "size": {"width": 320, "height": 120},
                 "regions": [{"frame": {"x": 0, "y": 0, "width": 320, "height": 120}, "padding": 4, "items": [
                   {"kind": "text", "duration": 10, "text": "Ấp Phú Lợi họp dân lúc 19 giờ, mời bà con đến đông đủ",
                    "font": {"family": "Noto Sans", "size": \#(size)}}]}]}
                """#)
        }
        let sizes = Array(12...27)
        var expected: [Int: [UInt32]] = [:]
        for size in sizes {
            let reference = try HeadlessRenderer(
                size: PixelSize(width: 320, height: 120), fonts: fonts, logger: Fixtures.quietLogger)
            reference.render(try layout(size: size).boardScene(at: .epoch))
            expected[size] = reference.surface.argbPixels
        }
        let scenes = try Dictionary(uniqueKeysWithValues: sizes.map { ($0, try layout(size: $0).boardScene(at: .epoch)) })
        let references = expected
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<8 {
                let size = sizes[(worker * 5 + round * 3) % sizes.count]
                // A new renderer each round: new faces opened, the last round's closed.
                guard
                    let renderer = try? HeadlessRenderer(
                        size: PixelSize(width: 320, height: 120), fonts: fonts, logger: Fixtures.quietLogger)
                else { return failures.add("worker \(worker) could not make a renderer") }
                renderer.render(scenes[size]!)
                if renderer.surface.argbPixels != references[size] {
                    failures.add("worker \(worker), size \(size): other pixels")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }
}

/// Problems collected from several threads.
final class Failures: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ failure: String) { list.withLock { $0.append(failure) } }

    var all: [String] { list.withLock { $0 } }
}
