// swift-tools-version:6.0
// Glossa: translation memory and terminology for multilingual publishing.
//
// Targets are layered one way: front ends (glossa, glossa-bench) → workflows → domain (GlossaMemory and
// GlossaPostgres, its second store,
// GlossaFormats with its document readers, GlossaTerminology) → text layer (GlossaSegmentation: sentences → GlossaXML
// → GlossaCore → GlossaText) → C shims.
import PackageDescription

let package = Package(
    name: "Glossa",
    products: [
        .executable(name: "glossa", targets: ["glossa"]),
        .executable(name: "glossa-bench", targets: ["glossa-bench"]),
        .library(name: "GlossaMemory", targets: ["GlossaMemory"]),
        .library(name: "GlossaFormats", targets: ["GlossaFormats"]),
        .library(name: "GlossaTerminology", targets: ["GlossaTerminology"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    ],
    targets: [
        // MARK: System libraries (found through pkg-config; only the C shims include their headers)
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),

        // MARK: C shims whose public headers carry no ICU or libxml2 type
        .target(name: "CGlossaICU", dependencies: ["CICU"]),
        .target(name: "CGlossaXML", dependencies: ["CLibXML2"]),
        .target(name: "CGlossaFTS", dependencies: ["CICU", "CSQLite"]),

        // MARK: Text layer
        .target(name: "GlossaText", dependencies: ["CGlossaICU", "CStemmer"]),
        .target(name: "GlossaCore", dependencies: ["GlossaText"]),
        .target(name: "GlossaXML", dependencies: ["CGlossaXML", "GlossaCore"]),
        .target(name: "GlossaSegmentation", dependencies: ["GlossaText", "GlossaXML", "GlossaCore", "CGlossaICU"]),

        // MARK: Domain
        .target(name: "GlossaMemory", dependencies: ["GlossaCore", "GlossaText", "CSQLite", "CGlossaFTS"]),
        // The TM's second store, for an organisation that outgrows one machine's SQLite file.
        .target(name: "GlossaPostgres", dependencies: ["GlossaMemory", "GlossaCore", "GlossaText",
                                                       .product(name: "PostgresNIO", package: "postgres-nio"),
                                                       .product(name: "NIOCore", package: "swift-nio"),
                                                       .product(name: "NIOPosix", package: "swift-nio"),
                                                       .product(name: "NIOSSL", package: "swift-nio-ssl"),
                                                       .product(name: "Logging", package: "swift-log")]),
        .target(name: "GlossaFormats", dependencies: ["GlossaCore", "GlossaText", "GlossaXML", "GlossaSegmentation"]),
        .target(name: "GlossaTerminology", dependencies: ["GlossaCore", "GlossaText", "GlossaXML", "GlossaFormats"]),
        .target(name: "GlossaLookup", dependencies: ["GlossaMemory", "GlossaCore", "GlossaText"]),
        .target(name: "GlossaAlignment", dependencies: ["GlossaTerminology", "GlossaFormats", "GlossaSegmentation", "GlossaCore", "GlossaText"]),
        .target(name: "GlossaQA", dependencies: ["GlossaTerminology", "GlossaText"]),
        .target(name: "GlossaCheck", dependencies: ["GlossaQA", "GlossaTerminology", "GlossaFormats", "GlossaMemory", "GlossaSegmentation",
                                                    "GlossaCore", "GlossaText", "GlossaXML",
                                                    .product(name: "Yams", package: "Yams")]),

        // MARK: Workflows: what the front ends run (import, export, opening a TM for search)
        .target(name: "GlossaWorkflows", dependencies: ["GlossaMemory", "GlossaPostgres", "GlossaFormats", "GlossaSegmentation", "GlossaCore", "GlossaText"]),

        // MARK: Front ends
        .target(name: "GlossaServer", dependencies: ["GlossaWorkflows", "GlossaLookup", "GlossaMemory", "GlossaFormats", "GlossaTerminology", "GlossaCore", "GlossaText",
                                                     .product(name: "Hummingbird", package: "hummingbird"),
                                                     .product(name: "NIOCore", package: "swift-nio"),
                                                     .product(name: "NIOHTTP1", package: "swift-nio"),
                                                     .product(name: "NIOPosix", package: "swift-nio"),
                                                     .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                                                     .product(name: "Logging", package: "swift-log"),
                                                     .product(name: "Metrics", package: "swift-metrics"),
                                                     .product(name: "Prometheus", package: "swift-prometheus")]),
        .executableTarget(
            name: "glossa",
            dependencies: [
                "GlossaMemory", "GlossaFormats", "GlossaSegmentation", "GlossaText", "GlossaCore",
                "GlossaTerminology", "GlossaCheck", "GlossaQA", "GlossaAlignment", "GlossaLookup", "GlossaServer", "GlossaWorkflows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "glossa-bench",
            dependencies: ["GlossaWorkflows", "GlossaMemory", "GlossaPostgres", "GlossaFormats", "GlossaSegmentation", "GlossaCore", "GlossaTerminology", "GlossaAlignment", "GlossaLookup", "GlossaQA", "GlossaText", "CSQLite",
                           "CGlossaXML", "CGlossaFTS", "GlossaTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests
        .target(name: "GlossaTestSupport", dependencies: ["GlossaMemory", "GlossaPostgres"], path: "Tests/GlossaTestSupport"),
        .testTarget(name: "GlossaTextTests", dependencies: ["GlossaText", "GlossaTestSupport"]),
        .testTarget(name: "GlossaCoreTests", dependencies: ["GlossaCore"]),
        .testTarget(name: "GlossaSegmentationTests", dependencies: ["GlossaSegmentation", "GlossaTestSupport"]),
        .testTarget(name: "GlossaMemoryTests", dependencies: ["GlossaMemory", "GlossaFormats", "GlossaTestSupport"]),
        .testTarget(name: "GlossaPostgresTests", dependencies: ["GlossaPostgres", "GlossaMemory", "GlossaFormats", "GlossaTestSupport"]),
        .testTarget(name: "GlossaFormatsTests", dependencies: ["GlossaFormats", "GlossaSegmentation", "GlossaTestSupport"]),
        .testTarget(name: "GlossaTerminologyTests", dependencies: ["GlossaTerminology", "GlossaFormats", "GlossaTestSupport"]),
        .testTarget(name: "GlossaLookupTests", dependencies: ["GlossaLookup", "GlossaMemory", "GlossaCore", "GlossaTestSupport"]),
        .testTarget(name: "GlossaQATests", dependencies: ["GlossaQA", "GlossaTestSupport"]),
        .testTarget(name: "GlossaAlignmentTests", dependencies: ["GlossaAlignment", "GlossaTestSupport"]),
        .testTarget(name: "GlossaServerTests", dependencies: ["GlossaServer", "GlossaMemory", "GlossaWorkflows", "GlossaCore", "GlossaTestSupport",
                                                          .product(name: "Hummingbird", package: "hummingbird"),
                                                          .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "GlossaCLITests", dependencies: ["glossa", "GlossaTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)

// MARK: Fuzzing (Scripts/fuzz): a libFuzzer harness over every reader, only with GLOSSA_FUZZ=1,
// since libFuzzer supplies its `main` and the whole build is instrumented for it.
if Context.environment["GLOSSA_FUZZ"] != nil {
    package.products.append(.executable(name: "glossa-fuzz", targets: ["glossa-fuzz"]))
    package.targets.append(.executableTarget(
        name: "glossa-fuzz",
        dependencies: ["GlossaFormats", "GlossaTerminology", "GlossaSegmentation", "GlossaCheck", "GlossaCore"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
