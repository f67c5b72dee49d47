import Foundation
import Telemetry

/// A configuration object that reads itself from a `ConfigReader` and writes its members back
/// as JSON; gives it parsing from and encoding to bytes, for whole documents and for the single
/// resources the lab API accepts.
protocol JSONConfigObject {
  init(_ reader: ConfigReader) throws(MeshConfigError)
  /// Writes the object's members (the caller opens and closes the object).
  func write(to json: inout JSONWriter)
}

extension JSONConfigObject {
  /// Parses a JSON object of at most `MeshDocument.maximumSize` bytes.
  static func parse(json: [UInt8]) throws(MeshConfigError) -> Self {
    guard json.count <= MeshDocument.maximumSize else {
      throw MeshConfigError(
        path: "", message: "document larger than \(MeshDocument.maximumSize) bytes")
    }
    let root: JSONValue
    do {
      root = try JSONDecoder().decode(JSONValue.self, from: Data(json))
    } catch {
      throw MeshConfigError(path: "", message: "not valid JSON")
    }
    return try Self(ConfigReader(root, path: ""))
  }

  /// The object as JSON.
  func encoded() -> [UInt8] {
    var json = JSONWriter()
    json.beginObject()
    write(to: &json)
    json.endObject()
    return json.bytes
  }
}
