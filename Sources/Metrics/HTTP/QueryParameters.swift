/// The `name=value&…` pairs of a request's query, percent-decoded (RFC 3986 §2.1; `+` is a
/// space, as HTML forms send it). Bounded: at most 64 pairs from at most 8 KiB.
public struct QueryParameters: Sendable {
  public static let maxLength = 8192
  public static let maxPairs = 64

  private var values: [String: String] = [:]

  /// - Throws: 400 naming the parameter whose encoding is broken, or for a query too large.
  public init(_ query: Substring?) throws(MetricQueryError) {
    guard let query, !query.isEmpty else { return }
    guard query.utf8.count <= Self.maxLength else {
      throw MetricQueryError(parameter: "query", "longer than \(Self.maxLength) bytes")
    }
    let pairs = query.split(separator: "&", omittingEmptySubsequences: true)
    guard pairs.count <= Self.maxPairs else {
      throw MetricQueryError(parameter: "query", "more than \(Self.maxPairs) parameters")
    }
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]) else {
        throw MetricQueryError(parameter: String(parts[0]), "has a broken percent-encoding")
      }
      guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
        throw MetricQueryError(parameter: name, "has a broken percent-encoding")
      }
      values[name] = value
    }
  }

  public subscript(name: String) -> String? { values[name] }

  /// A whole number of seconds (a fraction is cut), or `fallback` when absent.
  public func seconds(_ name: String, default fallback: Int64) throws(MetricQueryError) -> Int64 {
    guard let text = values[name] else { return fallback }
    guard let value = PrometheusTextParser.goFloat(text), value.isFinite, abs(value) < 1e12 else {
      throw MetricQueryError(parameter: name, "wants a number of seconds, got '\(text)'")
    }
    return Int64(value.rounded(.down))
  }

  /// `k:v,k2:v2` → labels (percent-decoding already done); names follow
  /// ``Label/prometheusName(_:)``, so `appmesh.virtual_node:swan` works as the tag was sent.
  public func labels(_ name: String) throws(MetricQueryError) -> [Label] {
    guard let text = values[name], !text.isEmpty else { return [] }
    return try text.split(separator: ",", omittingEmptySubsequences: false).map {
      pair throws(MetricQueryError) in
      guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex else {
        throw MetricQueryError(parameter: name, "wants k:v pairs separated by commas")
      }
      return Label(
        Label.prometheusName(String(pair[..<colon])), String(pair[pair.index(after: colon)...]))
    }
  }

  private static func decode(_ text: Substring) -> String? {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"):
        bytes.append(UInt8(ascii: " "))
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(hexValue),
          let low = iterator.next().flatMap(hexValue)
        else { return nil }
        bytes.append(high << 4 | low)
      default:
        bytes.append(byte)
      }
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
