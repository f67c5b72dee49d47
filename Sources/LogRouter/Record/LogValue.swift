/// A typed value of a log record, as JSON (RFC 8259 §3) can carry it. Integers stay integers
/// (status codes, byte counts) so they print back as they came in.
public enum LogValue: Sendable, Hashable {
  case string(String)
  case integer(Int64)
  case double(Double)
  case bool(Bool)
  case null
  case map([LogField])
  case array([LogValue])

  /// The value as a number, when it is one (or a string that reads as one).
  public var number: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .double(let value): value
    case .string(let text): Double(text)
    default: nil
    }
  }

  /// The value as text: strings as they are, scalars in their JSON spelling, maps and
  /// arrays as compact JSON.
  public var text: String {
    switch self {
    case .string(let text): return text
    case .integer(let value): return String(value)
    case .bool(let value): return value ? "true" : "false"
    case .null: return "null"
    default:
      var bytes: [UInt8] = []
      appendJSON(to: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The member `key` of a map value.
  public subscript(key: String) -> LogValue? {
    guard case .map(let fields) = self else { return nil }
    return fields.first { $0.key == key }?.value
  }
}
