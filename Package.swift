// swift-tools-version:6.0
import PackageDescription

/// Plugin families live under `Plugins/`, one SwiftPM target each; the core (`UniNERCore`) imports none of them.
/// `UniNERCatalog` is the one place where every plugin is registered under its recipe `kind`.
let plugins: [(name: String, path: String, deps: [Target.Dependency])] = [
    ("UniNERDatasets", "Plugins/Datasets", []),
    ("UniNERMetrics", "Plugins/Metrics", []),
    ("UniNERCorpora", "Plugins/Corpora", []),
    ("UniNERPrompting", "Plugins/Prompting", []),
    ("UniNERSampling", "Plugins/Sampling", []),
    ("UniNERAnnotators", "Plugins/Annotators", ["OpenAICompatible", "UniNERDatasets"]),
    ("UniNERPredictors", "Plugins/Predictors", ["OpenAICompatible", "UniNERStudents"]),
    ("UniNERStudents", "Plugins/Students", ["UniNERNumerics", "UniNERTokenizer", "UniNERPrompting"]),
]

let package = Package(
    name: "UniNER",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "uniner", targets: ["uniner"]),
        .library(name: "UniNERCore", targets: ["UniNERCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "UniNERFiles", dependencies: [], path: "Sources/UniNERFiles"),
        .target(name: "UniNERCore", dependencies: ["UniNERFiles", .product(name: "Yams", package: "Yams"),
                                                   .product(name: "Crypto", package: "swift-crypto")],
                path: "Sources/UniNERCore"),
        // One body per kernel, compiled for the baseline and for AVX2 (no FMA, no contraction: the same bits either way).
        .target(name: "CKernels", path: "Sources/CKernels",
                cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        .target(name: "UniNERNumerics", dependencies: ["COpenBLAS", "CKernels", "UniNERFiles"], path: "Sources/UniNERNumerics",
                swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .target(name: "UniNERTokenizer", dependencies: [], path: "Sources/UniNERTokenizer"),
        .target(name: "OpenAICompatible", dependencies: ["UniNERCore"], path: "Sources/OpenAICompatible"),
    ] + plugins.map { plugin in
        .target(name: plugin.name, dependencies: ["UniNERCore"] + plugin.deps, path: plugin.path)
    } + [
        .target(name: "UniNERCatalog", dependencies: ["UniNERCore"] + plugins.map { .target(name: $0.name) },
                path: "Sources/UniNERCatalog"),
        .target(name: "UniNERServe",
                dependencies: ["UniNERCore", "UniNERStudents", "UniNERNumerics",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "Prometheus", package: "swift-prometheus"),
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "NIOCore", package: "swift-nio")],
                path: "Sources/UniNERServe"),
        .target(name: "UniNERTestSupport", dependencies: ["UniNERCore"], path: "Sources/UniNERTestSupport"),
        .executableTarget(
            name: "uniner",
            dependencies: [
                "UniNERCore", "UniNERCatalog", "UniNERNumerics", "UniNERPrompting", "UniNERStudents",
                "UniNERDatasets", "UniNERServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/uniner"
        ),
        .executableTarget(
            name: "uniner-fuzz",
            dependencies: [
                "UniNERCore", "UniNERCatalog",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/UniNERFuzz"
        ),
        .testTarget(name: "UniNERCoreTests", dependencies: ["UniNERCore", "UniNERCatalog", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "UniNERNumericsTests", dependencies: ["UniNERNumerics", "UniNERTokenizer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "UniNERDatasetsTests", dependencies: ["UniNERDatasets", "UniNERCore", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "UniNERMetricsTests", dependencies: ["UniNERMetrics", "UniNERCore", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "UniNERTeacherTests",
                    dependencies: ["UniNERCorpora", "UniNERAnnotators", "UniNERDatasets", "UniNERPrompting", "UniNERSampling",
                                   "UniNERPredictors", "UniNERTestSupport", "UniNERCore", "OpenAICompatible"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "UniNERStudentsTests", dependencies: ["UniNERStudents", "UniNERNumerics", "UniNERCore"]),
        // The CLI tests (serve included) import nothing: they run the built `uniner` (the dependency makes SwiftPM build it first).
        .testTarget(name: "UniNERCLITests", dependencies: ["uniner"]),
        .testTarget(name: "UniNERFuzzTests", dependencies: ["UniNERCore", "uniner-fuzz"]),
    ]
)
