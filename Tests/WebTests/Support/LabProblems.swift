import Foundation
import Labs

@testable import Web

/// What `sidecarlab labs check` would print for a folder holding `lab` as its one lab, with the
/// server's own check kinds: each problem's description.
func labProblems(_ lab: String) throws -> [String] {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  try FileManager.default.createDirectory(
    atPath: folder.path + "/01-lab", withIntermediateDirectories: true)
  try lab.write(toFile: folder.path + "/01-lab/lab.md", atomically: true, encoding: .utf8)
  return try LabCatalog.load(
    directory: folder.path, registry: EvaluatorRegistry.standard.checkKinds
  ).problems.map(\.description)
}
