import Foundation
import Wire

/// The body of an App Mesh Create or Update call: `{"spec": {…}, "clientToken"?}`, plus the
/// resource's name (`routeName`) and `tags` for Create (API reference, CreateRoute and
/// UpdateRoute "Request Body"). Fields outside those are refused; failures are 400s that name
/// the field. `clientToken` is checked (up to 36 letters, digits, `-` and `_`) but not
/// remembered: every call is applied.
struct AppMeshRequestBody {
  static let maxClientToken = 36
  static let maxTags = 50

  private let object: [String: Any]

  /// - Parameter nameField: the name field a Create body carries; `nil` for Update.
  init(_ request: HTTPRequest, nameField: String?) throws(HTTPError) {
    _ = try JSONBody(request)
    object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
    var allowed: Set<String> = ["spec", "clientToken"]
    if let nameField { allowed.formUnion([nameField, "tags"]) }
    if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw HTTPError(
        .badRequest,
        "\(unknown): unknown field; the body takes \(allowed.sorted().joined(separator: ", "))")
    }
    if let token = object["clientToken"] {
      guard let text = token as? String, (1...Self.maxClientToken).contains(text.utf8.count),
        text.utf8.allSatisfy({
          $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || Self.isAlphanumeric($0)
        })
      else {
        throw HTTPError(
          .badRequest,
          "clientToken: up to \(Self.maxClientToken) letters, digits, hyphens and underscores")
      }
    }
    if let tags = object["tags"] {
      guard let list = tags as? [[String: Any]], list.count <= Self.maxTags,
        list.allSatisfy({ $0["key"] is String })
      else {
        throw HTTPError(
          .badRequest, "tags: a list of at most \(Self.maxTags) {\"key\", \"value\"} objects")
      }
    }
  }

  /// The `spec` object; 400 when missing or not an object.
  func spec() throws(HTTPError) -> [String: Any] {
    guard let spec = object["spec"] as? [String: Any] else {
      throw HTTPError(.badRequest, "spec: required, a JSON object")
    }
    return spec
  }

  /// The string in `field`; 400 when missing or not a string (the mesh checks its form).
  func name(_ field: String) throws(HTTPError) -> String {
    guard let name = object[field] as? String else {
      throw HTTPError(.badRequest, "\(field): required, a string")
    }
    return name
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }
}
