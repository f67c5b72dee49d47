import Foundation
import Labs

/// A fresh `root/Labs` and `root/Content` under the temporary directory; `remove()` deletes it all.
struct TemporaryLabsFolder {
  let root: String
  var labs: String { "\(root)/Labs" }

  static let frontMatter = "title: Meet the app\nsummary: Start the sandbox.\nminutes: 20"
  static let step =
    "## Start\nPress Start.\n```check sandbox\nprocess: unicorn\nstate: running\n```"

  static func make() throws -> TemporaryLabsFolder {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labs-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(
      atPath: "\(root)/Labs", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: "\(root)/Content", withIntermediateDirectories: true)
    return TemporaryLabsFolder(root: root)
  }

  /// Writes `Labs/ID/lab.md` from front matter lines and a body (lines 1–5 are the front matter by default).
  func writeLab(_ id: String, frontMatter: String = frontMatter, body: String = step) throws {
    try write("Labs/\(id)/lab.md", "---\n\(frontMatter)\n---\n\(body)\n")
  }

  func write(_ path: String, _ text: String) throws {
    try write(path, bytes: Data(text.utf8))
  }

  func write(_ path: String, bytes: Data) throws {
    let url = URL(fileURLWithPath: "\(root)/\(path)")
    try makeFolder(url.deletingLastPathComponent().path)
    try bytes.write(to: url)
  }

  /// Creates a folder; `path` is absolute or relative to the root.
  func makeFolder(_ path: String) throws {
    let absolute = path.hasPrefix("/") ? path : "\(root)/\(path)"
    try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
  }

  /// The catalog of `Labs/` and its problems as `labs check` prints them.
  func load() throws -> (catalog: LabCatalog, problems: [String]) {
    let catalog = try LabCatalog.load(directory: labs)
    return (catalog, catalog.problems.map(\.description))
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: root)
  }
}
