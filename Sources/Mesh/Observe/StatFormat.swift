/// Number and label text shared by the stats renderers.
enum StatFormat {
  /// A double as Envoy prints one: whole numbers without a fraction (`1`, not `1.0`).
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-Inf" : "+Inf") }
    if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }

  /// A Prometheus label value with `\`, `"` and newlines escaped (text format 0.0.4).
  static func labelValue(_ value: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(value.utf8.count)
    for character in value {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
