import Foundation
import Wire

/// A JSON request body (RFC 8259) that must be an object, with typed field access whose
/// failures are 400s that name the field.
struct JSONBody {
  private let object: [String: Any]

  /// Parses `request`'s body. 415 unless `Content-Type` is `application/json`; 400 for
  /// malformed JSON or anything but an object.
  init(_ request: HTTPRequest) throws(HTTPError) {
    guard let type = request.headers["Content-Type"],
      type.split(separator: ";").first?.trimmingASCIISpaces().equalsIgnoringASCIICase(
        "application/json") == true
    else { throw HTTPError(.unsupportedMediaType, "send the body as application/json") }
    guard let parsed = try? JSONSerialization.jsonObject(with: Data(request.body)) else {
      throw HTTPError(.badRequest, "body is not valid JSON")
    }
    guard let object = parsed as? [String: Any] else {
      throw HTTPError(.badRequest, "body must be a JSON object")
    }
    self.object = object
  }

  /// The string in `field`. 400 when it is missing or not a string.
  func string(_ field: String) throws(HTTPError) -> String {
    guard let value = object[field] else {
      throw HTTPError(.badRequest, "missing field \"\(field)\"")
    }
    guard let text = value as? String else {
      throw HTTPError(.badRequest, "field \"\(field)\" must be a string")
    }
    return text
  }
}
