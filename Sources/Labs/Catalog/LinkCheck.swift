import Foundation

/// Resolves one lab's links against the files (Labs/README.md "Links"): `Content/…` against the
/// `Content` folder beside the labs folder, anything else relative to the lab's own folder, where
/// `../NN-other/…` reaches another lab. A link may not leave those folders, and its target must exist.
/// `http(s):`, `mailto:`, `#anchors` and site paths (`/…`) are not checked; other schemes are problems.
struct LinkCheck {
  let labsFolder: String
  let labFolder: String
  let file: String

  func problems(_ links: [MarkdownLink]) -> [LabProblem] {
    var problems: [LabProblem] = []
    for link in links {
      let noun = link.isImage ? "image" : "link"
      let shown = link.destination.prefix(80)
      switch link.kind {
      case .rejected:
        problems.append(
          LabProblem(
            file: file, line: link.line,
            message:
              "\(noun) '\(shown)' is not allowed (only http, https, mailto, #anchors and relative paths)"
          ))
      case .relative where !link.destination.hasPrefix("/"):
        if let message = check(link.destination, noun: noun) {
          problems.append(LabProblem(file: file, line: link.line, message: message))
        }
      default:
        continue
      }
    }
    return problems
  }

  private func check(_ destination: String, noun: String) -> String? {
    let end = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
    let raw = String(destination[..<end])
    guard !raw.isEmpty else { return nil }
    let path = raw.removingPercentEncoding ?? raw
    let base: String
    let relative: String
    if path.hasPrefix("Content/") {
      base = (labsFolder as NSString).deletingLastPathComponent
      relative = path
    } else {
      base = labsFolder
      relative = "\(labFolder)/\(path)"
    }
    guard let normalized = Self.normalize(relative), !normalized.isEmpty else {
      return "\(noun) '\(destination.prefix(80))' leaves the labs and Content folders"
    }
    let target = base.isEmpty ? normalized : "\(base)/\(normalized)"
    guard FileManager.default.fileExists(atPath: target) else {
      return "dangling \(noun) '\(destination.prefix(80))': \(target) does not exist"
    }
    return nil
  }

  /// Resolves `.` and `..`; `nil` when `..` climbs above the start.
  static func normalize(_ path: String) -> String? {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      switch part {
      case ".": continue
      case "..":
        guard parts.popLast() != nil else { return nil }
      default: parts.append(part)
      }
    }
    return parts.joined(separator: "/")
  }
}
