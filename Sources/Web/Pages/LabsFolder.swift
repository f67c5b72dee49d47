import Foundation

/// The labs on disk: one folder per lab inside the configured Labs folder.
enum LabsFolder {
  /// Most labs listed.
  static let limit = 200

  /// The names of the visible subfolders of `path`, sorted; none when it cannot be read.
  static func labNames(in path: String) -> [String] {
    let url = URL(fileURLWithPath: path, isDirectory: true)
    let entries =
      (try? FileManager.default.contentsOfDirectory(
        at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])) ?? []
    let names = entries.filter {
      (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
    }
    .map(\.lastPathComponent)
    return Array(names.sorted().prefix(limit))
  }
}
