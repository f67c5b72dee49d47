import Wire

/// The parameters of a URL query (`a=1&b=two+words&c=%7B`), as HTML forms encode them
/// (``URLEncodedForm``; the first of a repeated name counts).
/// Bounded: at most `maxCount` parameters of a query at most `maxLength` bytes long.
public struct QueryParameters: Sendable {
  public static let maxLength = 8192
  public static let maxCount = 32

  private let form: URLEncodedForm

  /// Reads `query` (without the `?`); a query over the bounds or a parameter that is not
  /// UTF-8 is an error.
  public init(_ query: Substring?) throws(LogStoreError) {
    do {
      form = try URLEncodedForm(query: query, maxBytes: Self.maxLength, maxFields: Self.maxCount)
    } catch {
      throw .badQuery("query: \(error)")
    }
  }

  public subscript(name: String) -> String? { form[name] }
}
