// swift-tools-version:6.0
import PackageDescription

// CI builds with BANGTIN_STRICT=1: warnings in our own targets are errors (dependencies untouched).
let strict: [SwiftSetting] =
    Context.environment["BANGTIN_STRICT"] == "1" ? [.unsafeFlags(["-warnings-as-errors"])] : []

let package = Package(
    name: "bangtin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bangtin", targets: ["bangtin"]),
        .library(name: "BangtinCore", targets: ["BangtinCore"]),
        .library(name: "BangtinRender", targets: ["BangtinRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // `swift package generate-documentation --target BangtinRender` (DocC).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // C system libraries: only BangtinRender imports the SDL modules, only BangtinNet curl and mosquitto.
        .systemLibrary(name: "CSDL2", pkgConfig: "sdl2", providers: [.apt(["libsdl2-dev"])]),
        .systemLibrary(name: "CSDL2TTF", pkgConfig: "SDL2_ttf", providers: [.apt(["libsdl2-ttf-dev"])]),
        .systemLibrary(name: "CSDL2Image", pkgConfig: "SDL2_image", providers: [.apt(["libsdl2-image-dev"])]),
        // PNG output (frames, previews): libspng, chosen by RenderBench's measurement.
        .systemLibrary(name: "CSPNG", pkgConfig: "spng", providers: [.apt(["libspng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl and libmosquitto (headers from libcurl4-openssl-dev and libmosquitto-dev):
        // bangtin does not link them; CNetShim loads them when the network is first used, so
        // the commands that never use it start without them.
        .target(name: "CNetShim"),

        // Pure core: content model, JSON decoding and validation, time, scene at an instant.
        .target(name: "BangtinCore"),
        // File edge: reads layouts (later bundles, cache) from disk and checks their assets.
        .target(name: "BangtinContent", dependencies: ["BangtinCore"]),
        // The one renderer: scene to pixels, headless (PNG) or windowed; pictures and PNG files
        // through the content edge's safe reader and writer.
        .target(
            name: "BangtinRender",
            dependencies: [
                "BangtinCore", "BangtinContent", "CSDL2", "CSDL2TTF", "CSDL2Image", "CZlib",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The kiosk player: frame loop, content loading thread, signals.
        .target(
            name: "BangtinPlayer",
            dependencies: [
                "BangtinCore", "BangtinContent", "BangtinRender", "BangtinSync", "BangtinTrust", "BangtinNet", "BangtinReport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ]),
        // Network edge: libcurl transfers, MQTT (libmosquitto) subscriptions.
        .target(name: "BangtinNet", dependencies: ["BangtinCore", "CNetShim"]),
        // Keys and signatures (Ed25519): the one check every signed document passes.
        .target(
            name: "BangtinTrust",
            dependencies: ["BangtinCore", "BangtinContent", .product(name: "Crypto", package: "swift-crypto")]),
        // Content sync: signed bundles from a URL or a folder into the offline cache.
        .target(
            name: "BangtinSync",
            dependencies: [
                "BangtinCore", "BangtinContent", "BangtinNet", "BangtinTrust",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ]),
        // Reports: proof of play kept durably on the board (SQLite through GRDB) and uploaded in
        // batches, status documents and screenshots, by HTTP PUT.
        .target(
            name: "BangtinReport",
            dependencies: [
                "CZlib",
                "BangtinCore", "BangtinContent", "BangtinNet", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Command line: thin subcommands over the library.
        .target(
            name: "BangtinCLI",
            dependencies: [
                "BangtinCore", "BangtinContent", "BangtinNet", "BangtinRender", "BangtinPlayer", "BangtinReport", "BangtinSync",
                "BangtinTrust", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "bangtin", dependencies: ["BangtinCLI"]),
        .executableTarget(
            name: "RenderBench", dependencies: ["BangtinCore", "BangtinContent", "BangtinRender", "CSPNG"],
            path: "bench/RenderBench"),

        .executableTarget(name: "ScheduleBench", dependencies: ["BangtinCore", "BangtinContent"], path: "bench/ScheduleBench"),
        .executableTarget(
            name: "PlayerBench",
            dependencies: ["BangtinCore", "BangtinPlayer", "BangtinRender", .product(name: "Logging", package: "swift-log")],
            path: "bench/PlayerBench"),
        .executableTarget(
            name: "AlertBench",
            dependencies: [
                "BangtinContent", "BangtinCore", "BangtinNet", "BangtinPlayer", "BangtinRender", "BangtinSync",
                "BangtinTrust", "BangtinTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/AlertBench"),
        .executableTarget(
            name: "SyncBench",
            dependencies: [
                "BangtinCore", "BangtinNet", "BangtinPlayer", "BangtinRender", "BangtinSync", "BangtinTrust",
                "BangtinTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/SyncBench"),
        // BangtinRender as a library: a bundle to PNG in 30 lines (`swift run RenderBundle`).
        .executableTarget(name: "RenderBundle", dependencies: ["BangtinCore", "BangtinRender"], path: "Examples/RenderBundle"),
        .executableTarget(
            name: "ReportBench",
            dependencies: [
                "BangtinCore", "BangtinNet", "BangtinPlayer", "BangtinRender", "BangtinReport", "BangtinTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/ReportBench"),
        .target(
            name: "BangtinTestSupport", dependencies: ["BangtinCore", "BangtinContent", "BangtinRender"],
            path: "Tests/BangtinTestSupport"),
        .testTarget(name: "BangtinCoreTests", dependencies: ["BangtinCore", "BangtinTestSupport"]),
        .testTarget(
            name: "BangtinRenderTests", dependencies: ["BangtinCore", "BangtinContent", "BangtinRender", "BangtinTestSupport"],
            exclude: ["Goldens", "Fixtures"]),
        .testTarget(
            name: "BangtinNetTests", dependencies: ["BangtinNet", "BangtinCore", "BangtinTrust", "BangtinTestSupport"]),
        .testTarget(
            name: "BangtinSyncTests",
            dependencies: ["BangtinSync", "BangtinTrust", "BangtinCore", "BangtinNet", "BangtinTestSupport"]),
        .testTarget(
            name: "BangtinPlayerTests",
            dependencies: [
                "BangtinPlayer", "BangtinCore", "BangtinContent", "BangtinRender", "BangtinSync", "BangtinTrust",
                "BangtinTestSupport",
            ]),
        .testTarget(
            name: "BangtinReportTests",
            dependencies: [
                "BangtinReport", "BangtinCore", "BangtinNet", "BangtinTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "BangtinCLITests",
            dependencies: [
                "BangtinCLI", "BangtinCore", "BangtinRender", "BangtinSync", "BangtinTrust", "BangtinNet", "BangtinReport",
                "BangtinTestSupport",
            ],
            exclude: ["Hostile"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.name != "CNetShim" {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
