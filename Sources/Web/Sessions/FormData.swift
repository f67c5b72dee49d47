import Wire

/// A parsed `application/x-www-form-urlencoded` body or query (``URLEncodedForm``), bounded
/// in size and field count; 413 for a body too large, 400 for too many fields or a field that
/// is not UTF-8.
public struct FormData: Sendable, Equatable {
  public typealias Field = URLEncodedForm.Field

  /// Most fields a form may carry.
  public static let maxFields = 64
  /// Largest body accepted, in bytes.
  public static let maxBytes = 64 * 1024

  private let form: URLEncodedForm

  /// The fields in the order sent, duplicates kept.
  public var fields: [Field] { form.fields }

  /// Parses a form body.
  /// - Throws: `HTTPError` 400 for too many fields or invalid UTF-8, 413 for a body over ``maxBytes``.
  public init(parsing body: [UInt8]) throws(HTTPError) {
    do {
      form = try URLEncodedForm(parsing: body, maxBytes: Self.maxBytes, maxFields: Self.maxFields)
    } catch URLEncodedForm.Failure.tooLong(_) {
      throw HTTPError(.contentTooLarge, "form too large")
    } catch {
      throw HTTPError(.badRequest, "form: \(error)")
    }
  }

  /// The first value of `name`, or `nil`.
  public subscript(name: String) -> String? { form[name] }
}
