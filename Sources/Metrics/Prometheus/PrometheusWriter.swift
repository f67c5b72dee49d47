/// The pieces of the Prometheus text format 0.0.4 written correctly: names mapped into the
/// allowed alphabet, label values escaped, values as Go floats.
enum PrometheusWriter {
  /// `envoy.cluster.unicorn.upstream_rq_503` → `envoy_cluster_unicorn_upstream_rq_503`:
  /// every byte outside `[a-zA-Z0-9_:]` becomes `_`, and a leading digit gets a `_` before it.
  static func metricName(_ name: String) -> String {
    identifier(name, colon: true)
  }

  /// Like ``metricName(_:)`` without `:`; names Prometheus reserves (`__…`) get a `x` prefix.
  static func labelName(_ name: String) -> String {
    let mapped = identifier(name, colon: false)
    return mapped.hasPrefix("__") ? "x" + mapped : mapped
  }

  private static func identifier(_ name: String, colon: Bool) -> String {
    var bytes: [UInt8] = []
    for byte in name.utf8 {
      bytes.append(
        PrometheusCursor.isIdentifierByte(byte, first: false, colon: colon)
          ? byte : UInt8(ascii: "_"))
    }
    if let first = bytes.first, !PrometheusCursor.isIdentifierByte(first, first: true, colon: colon)
    {
      bytes.insert(UInt8(ascii: "_"), at: 0)
    }
    return bytes.isEmpty ? "_" : String(decoding: bytes, as: UTF8.self)
  }

  /// `\` → `\\`, `"` → `\"`, newline → `\n`.
  static func escape(_ value: String) -> String {
    var escaped = ""
    for character in value.unicodeScalars {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.unicodeScalars.append(character)
      }
    }
    return escaped
  }

  /// Integers without a fraction, `+Inf`, `-Inf`, `NaN`, else Swift's shortest round-trip form.
  static func value(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.description
  }

  /// `name{a="x",b="y"} value\n`
  static func sample(
    _ name: String, _ labels: [Label], _ sampleValue: Double, into text: inout String
  ) {
    text += name
    if !labels.isEmpty {
      text += "{"
      text += labels.map { "\(labelName($0.name))=\"\(escape($0.value))\"" }.joined(separator: ",")
      text += "}"
    }
    text += " "
    text += value(sampleValue)
    text += "\n"
  }
}
