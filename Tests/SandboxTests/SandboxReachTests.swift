import Foundation
import Testing

@testable import Sandbox

@Suite struct SandboxReachTests {
  @Test func privateFolder_isNamedAsTheProblem() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "reach-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(
      atPath: base + "/private", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: base) }
    chmod(base, 0o755)
    chmod(base + "/private", 0o700)
    let problem = SandboxReach.problem(root: base + "/private/sandboxes", executable: "/bin/sh")
    #expect(problem?.contains("cannot enter \(base)/private") == true)
    chmod(base + "/private", 0o711)
    #expect(SandboxReach.problem(root: base + "/private/sandboxes", executable: "/bin/sh") == nil)
  }

  @Test func unreadableExecutable_isTheProblem() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "reach-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: base) }
    chmod(base, 0o755)
    #expect(FileManager.default.createFile(atPath: base + "/tool", contents: Data("#!/bin/sh\n".utf8)))
    chmod(base + "/tool", 0o700)
    #expect(
      SandboxReach.problem(root: base, executable: base + "/tool")?.contains("cannot run") == true)
  }
}
