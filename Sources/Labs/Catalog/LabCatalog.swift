import Foundation

/// Every lab in a labs folder, read and cross-checked (Labs/README.md): each subfolder `NN-slug` with a
/// `lab.md`; `needs` must name labs that exist without forming a cycle; relative links must point at files
/// that exist inside the labs folder or its sibling `Content/`. Labs and problems come in folder order.
public struct LabCatalog: Sendable, Equatable {
  public static let maximumLabs = 200

  /// The labs that parsed, problems or not (a lab with problems should not be served).
  public let labs: [Lab]
  public let problems: [LabProblem]

  /// Reads `directory`; throws only when the folder itself cannot be listed.
  public static func load(directory: String, registry: CheckKindRegistry = .standard)
    throws(LabCatalogError)
    -> LabCatalog
  {
    let root =
      directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
      let names = try? files.contentsOfDirectory(atPath: root)
    else {
      throw LabCatalogError("'\(directory)' is not a readable folder")
    }
    let folders = names.filter { name in
      var folder: ObjCBool = false
      return !name.hasPrefix(".")
        && files.fileExists(atPath: "\(root)/\(name)", isDirectory: &folder) && folder.boolValue
    }.sorted()
    var labs: [Lab] = []
    var problems: [LabProblem] = []
    if folders.count > maximumLabs {
      problems.append(
        LabProblem(file: root, line: nil, message: "more than \(maximumLabs) lab folders"))
    }
    for name in folders.prefix(maximumLabs) {
      let folder = "\(root)/\(name)"
      guard isLabID(name) else {
        problems.append(
          LabProblem(
            file: folder, line: nil,
            message: "folder name must look like NN-slug (two digits, a dash, lowercase words)"))
        continue
      }
      let file = "\(folder)/lab.md"
      let (text, readProblem) = read(file)
      guard let text else {
        problems.append(LabProblem(file: file, line: nil, message: readProblem))
        continue
      }
      let result = LabParser.parse(text, id: name, file: file, registry: registry)
      problems += result.problems
      problems += LinkCheck(labsFolder: root, labFolder: name, file: file).problems(result.links)
      if let lab = result.lab { labs.append(lab) }
    }
    problems += needsProblems(labs, root: root)
    return LabCatalog(labs: labs, problems: problems.sortedByPlace())
  }

  /// `NN-slug`: two digits, then lowercase words of letters and digits joined by single dashes; at most 64.
  static func isLabID(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 4, scalars.count <= 64, scalars[2] == "-", scalars.last != "-" else {
      return false
    }
    let isWordCharacter: (Unicode.Scalar) -> Bool = {
      ("a"..."z").contains($0) || ("0"..."9").contains($0)
    }
    return scalars[0..<2].allSatisfy { ("0"..."9").contains($0) }
      && zip(scalars[3...], scalars[2...]).allSatisfy { current, previous in
        isWordCharacter(current) || (current == "-" && previous != "-")
      }
  }

  /// The file as UTF-8 text, or why not: missing, larger than the limit (never reading past it), not UTF-8.
  private static func read(_ file: String) -> (String?, String) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else {
      return (nil, "missing lab.md")
    }
    // A FIFO or device would block the read: only regular files are opened.
    guard attributes[.type] as? FileAttributeType == .typeRegular,
      let handle = FileHandle(forReadingAtPath: file)
    else {
      return (nil, "lab.md is not a regular file")
    }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: LabParser.maximumFileSize + 1) ?? Data() else {
      return (nil, "lab.md cannot be read")
    }
    if data.count > LabParser.maximumFileSize { return (nil, "lab.md is larger than 1 MiB") }
    guard let text = String(data: data, encoding: .utf8) else {
      return (nil, "lab.md is not valid UTF-8")
    }
    return (text, "")
  }
}
