// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "SidecarLab",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "sidecarlab", targets: ["sidecarlab"])
  ],
  targets: [
    // System libraries and the Linux shim.
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
    .target(name: "CLinux"),

    // The project's modules; dependencies point one way (DESIGN.md).
    .target(name: "Wire", dependencies: ["CLinux"]),
    .target(name: "Store", dependencies: ["CSQLite"]),
    .target(name: "Telemetry", dependencies: ["Wire"]),
    .target(name: "DemoApp", dependencies: ["Telemetry", "Wire", "CLinux"]),
    .target(name: "Sandbox", dependencies: ["Telemetry", "Wire", "CLinux"]),
    .target(name: "Labs", dependencies: []),
    .target(name: "Mesh", dependencies: ["Telemetry", "Wire", "CLinux"]),
    .target(name: "LogRouter", dependencies: ["Telemetry", "Wire", "Store", "CLinux"]),
    .target(name: "Tracer", dependencies: ["Telemetry", "Wire", "Store", "CLinux"]),
    .target(name: "Metrics", dependencies: ["Telemetry", "Wire", "Store"]),
    .target(
      name: "Web",
      dependencies: [
        "Wire", "Store", "COpenSSL", "CLinux", "Sandbox", "DemoApp", "Labs", "Mesh", "LogRouter",
        "Tracer", "Metrics",
      ]),
    .executableTarget(
      name: "sidecarlab",
      dependencies: [
        "Web", "Wire", "Store", "DemoApp", "Sandbox", "Labs", "Mesh", "LogRouter", "Tracer",
        "Metrics",
      ]),

    .testTarget(name: "WireTests", dependencies: ["Wire", "CLinux"]),
    .testTarget(name: "StoreTests", dependencies: ["Store"]),
    .testTarget(
      name: "WebTests",
      dependencies: ["Web", "Wire", "Store", "Sandbox", "LogRouter", "Tracer", "Metrics", "Mesh"]),
    .testTarget(name: "LabsTests", dependencies: ["Labs"]),
    .testTarget(name: "TelemetryTests", dependencies: ["Telemetry", "Wire"]),
    .testTarget(name: "DemoAppTests", dependencies: ["DemoApp", "Telemetry", "Wire"]),
    .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "Telemetry", "Wire"]),
    .testTarget(name: "MeshTests", dependencies: ["Mesh", "Telemetry", "Wire"]),
    .testTarget(
      name: "LogRouterTests", dependencies: ["LogRouter", "Sandbox", "Telemetry", "Wire", "Store"]),
    .testTarget(name: "TracerTests", dependencies: ["Tracer", "Telemetry", "Wire", "Store"]),
    .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Telemetry", "Wire", "Store"]),
  ],
  swiftLanguageModes: [.v6]
)
