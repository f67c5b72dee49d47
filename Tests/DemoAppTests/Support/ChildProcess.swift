import Foundation
import Glibc
import Testing

/// A `sidecarlab` process started by a test, with its output collected. `kill()` (call it in
/// `defer`) sends SIGKILL and reaps it.
final class ChildProcess {
  let process = Process()
  let standardOutput: OutputBuffer
  let standardError: OutputBuffer

  /// The `sidecarlab` binary next to the test bundle (`swift build --build-tests` builds it).
  static var binary: URL {
    let candidates =
      [CommandLine.arguments[0], Bundle.main.bundlePath].map {
        URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("sidecarlab")
      } + [URL(fileURLWithPath: Bundle.main.bundlePath).appendingPathComponent("sidecarlab")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    process.executableURL = Self.binary
    process.arguments = arguments
    process.environment = environment
    standardOutput = try OutputBuffer()
    standardError = try OutputBuffer()
    process.standardOutput = standardOutput.handle
    process.standardError = standardError.handle
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }

  /// Ends the process with SIGKILL (if still running) and waits for it.
  func kill() {
    if process.isRunning { Glibc.kill(pid, SIGKILL) }
    process.waitUntilExit()
    standardOutput.remove()
    standardError.remove()
  }

  /// The exit status once the process ended by itself within `timeout`, else `nil`.
  func exitStatus(within timeout: Duration) async -> Int32? {
    guard await eventually(timeout: timeout, { !process.isRunning }) else { return nil }
    return process.terminationReason == .exit
      ? process.terminationStatus : -process.terminationStatus
  }

  /// The value of the first stderr line starting with `prefix` (such as `listening on `).
  func announced(_ prefix: String, timeout: Duration = .seconds(10)) async throws -> String {
    var value: String?
    _ = await eventually(timeout: timeout) {
      value = standardError.lines.first { $0.hasPrefix(prefix) }.map {
        String($0.dropFirst(prefix.count))
      }
      return value != nil || !process.isRunning
    }
    return try #require(value, "no '\(prefix)' line; stderr: \(standardError.lines)")
  }

  /// Standard output's lines parsed as JSON objects (others skipped).
  var jsonLines: [[String: Any]] {
    standardOutput.lines.compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }
}
