import Foundation
import Wire

/// A file a lab page links to: a `Content/` page or an image in `Content/` or a lab folder.
/// Only flat names of `[a-z0-9-]+` plus the extension are accepted, so no request can leave the
/// folder (OWASP Path Traversal); only regular files up to ``sizeLimit`` are read.
enum LabAsset {
  static let sizeLimit = 1024 * 1024
  static let nameLimit = 100

  /// Whether `name` is `[a-z0-9-]+.<ext>` for `ext`.
  static func isValid(_ name: String, ext: String) -> Bool {
    guard name.utf8.count <= nameLimit, name.hasSuffix("." + ext) else { return false }
    let stem = name.utf8.dropLast(ext.utf8.count + 1)
    return !stem.isEmpty
      && stem.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
  }

  /// The bytes of `folder/name`.
  /// - Throws: `HTTPError` 404 for a bad name, a missing or non-regular file or one too large.
  static func read(_ name: String, ext: String, in folder: String) throws(HTTPError) -> [UInt8] {
    let missing = HTTPError(.notFound, "no such file")
    guard isValid(name, ext: ext) else { throw missing }
    let path = folder + "/" + name
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      attributes[.type] as? FileAttributeType == .typeRegular,
      let size = attributes[.size] as? Int, size <= sizeLimit,
      let data = FileManager.default.contents(atPath: path), data.count <= sizeLimit
    else { throw missing }
    return Array(data)
  }

  /// An SVG image response (RFC 6838 registration `image/svg+xml`).
  static func svg(_ bytes: [UInt8]) -> HTTPResponse {
    HTTPResponse(
      status: .ok, headers: ["Content-Type": "image/svg+xml", "Cache-Control": "no-cache"],
      body: .bytes(bytes))
  }
}
