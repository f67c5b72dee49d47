import Wire

/// The `name=value&…` pairs of a request's query (``URLEncodedForm``; the first of a repeated
/// name counts). Bounded: at most 64 pairs from at most 8 KiB.
public struct QueryParameters: Sendable {
  public static let maxLength = 8192
  public static let maxPairs = 64

  private let form: URLEncodedForm

  /// - Throws: 400 for a parameter that is not UTF-8, or for a query too large.
  public init(_ query: Substring?) throws(MetricQueryError) {
    do {
      form = try URLEncodedForm(query: query, maxBytes: Self.maxLength, maxFields: Self.maxPairs)
    } catch {
      throw MetricQueryError(parameter: "query", "\(error)")
    }
  }

  public subscript(name: String) -> String? { form[name] }

  /// A whole number of seconds (a fraction is cut), or `fallback` when absent.
  public func seconds(_ name: String, default fallback: Int64) throws(MetricQueryError) -> Int64 {
    guard let text = form[name] else { return fallback }
    guard let value = PrometheusTextParser.goFloat(text), value.isFinite, abs(value) < 1e12 else {
      throw MetricQueryError(parameter: name, "wants a number of seconds, got '\(text)'")
    }
    return Int64(value.rounded(.down))
  }

  /// `k:v,k2:v2` → labels (percent-decoding already done); names follow
  /// ``Label/prometheusName(_:)``, so `appmesh.virtual_node:swan` works as the tag was sent.
  public func labels(_ name: String) throws(MetricQueryError) -> [Label] {
    guard let text = form[name], !text.isEmpty else { return [] }
    return try text.split(separator: ",", omittingEmptySubsequences: false).map {
      pair throws(MetricQueryError) in
      guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex else {
        throw MetricQueryError(parameter: name, "wants k:v pairs separated by commas")
      }
      return Label(
        Label.prometheusName(String(pair[..<colon])), String(pair[pair.index(after: colon)...]))
    }
  }
}
