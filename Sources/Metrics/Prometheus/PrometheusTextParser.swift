/// Parses the Prometheus text exposition format 0.0.4 (prometheus/docs
/// `content/docs/instrumenting/exposition_formats.md`): `# HELP` and `# TYPE` lines, other
/// comments, and samples `name{label="value",…} value [timestamp]` with the label-value
/// escapes `\\`, `\"` and `\n`, values as Go floats (`+Inf`, `-Inf`, `NaN`). Bounded in line
/// length, labels per sample and samples per document.
public enum PrometheusTextParser {
  public static let maxLineLength = 65_536
  public static let maxLabels = 64
  public static let maxSamples = 200_000

  public static func parse(_ text: String) throws(PrometheusParseError) -> PrometheusDocument {
    var document = PrometheusDocument()
    var lineNumber = 0
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      guard line.count <= maxLineLength else {
        throw PrometheusParseError(line: lineNumber, "line longer than \(maxLineLength) bytes")
      }
      var cursor = PrometheusCursor(Array(line), line: lineNumber)
      cursor.skipSpaces()
      if cursor.isAtEnd { continue }
      if cursor.peek == UInt8(ascii: "#") {
        try parseComment(&cursor, into: &document)
        continue
      }
      guard document.samples.count < maxSamples else {
        throw PrometheusParseError(line: lineNumber, "more than \(maxSamples) samples")
      }
      document.samples.append(try parseSample(&cursor))
    }
    return document
  }

  private static func parseComment(
    _ cursor: inout PrometheusCursor, into document: inout PrometheusDocument
  ) throws(PrometheusParseError) {
    cursor.advance()
    cursor.skipSpaces()
    let keyword = cursor.word()
    guard keyword == "HELP" || keyword == "TYPE" else { return }
    cursor.skipSpaces()
    let name = try cursor.metricName()
    if keyword == "TYPE" {
      cursor.skipSpaces()
      let word = cursor.word()
      guard let type = PrometheusMetricType(rawValue: word) else {
        throw cursor.error("unknown metric type '\(word)'")
      }
      cursor.skipSpaces()
      guard cursor.isAtEnd else { throw cursor.error("unexpected text after the type") }
      guard document.types[name] == nil else { throw cursor.error("second TYPE line for \(name)") }
      document.types[name] = type
    } else {
      if !cursor.isAtEnd { cursor.advance() }
      document.help[name] = cursor.rest()
    }
  }

  private static func parseSample(_ cursor: inout PrometheusCursor) throws(PrometheusParseError)
    -> PrometheusSample
  {
    let name = try cursor.metricName()
    var labels: [Label] = []
    cursor.skipSpaces()
    if cursor.peek == UInt8(ascii: "{") {
      cursor.advance()
      while true {
        cursor.skipSpaces()
        if cursor.peek == UInt8(ascii: "}") {
          cursor.advance()
          break
        }
        guard labels.count < maxLabels else {
          throw cursor.error("more than \(maxLabels) labels")
        }
        let labelName = try cursor.labelName()
        cursor.skipSpaces()
        try cursor.expect(UInt8(ascii: "="))
        cursor.skipSpaces()
        let value = try cursor.quotedValue()
        guard !labels.contains(where: { $0.name == labelName }) else {
          throw cursor.error("label \(labelName) given twice")
        }
        labels.append(Label(labelName, value))
        cursor.skipSpaces()
        if cursor.peek == UInt8(ascii: ",") {
          cursor.advance()
        } else if cursor.peek != UInt8(ascii: "}") {
          throw cursor.error("expected ',' or '}' after a label")
        }
      }
    }
    cursor.skipSpaces()
    let valueText = cursor.word()
    guard let value = goFloat(valueText) else {
      throw cursor.error("invalid sample value '\(valueText)'")
    }
    cursor.skipSpaces()
    var timestamp: Int64?
    if !cursor.isAtEnd {
      let text = cursor.word()
      guard let parsed = Int64(text) else { throw cursor.error("invalid timestamp '\(text)'") }
      timestamp = parsed
      cursor.skipSpaces()
      guard cursor.isAtEnd else { throw cursor.error("unexpected text after the timestamp") }
    }
    return PrometheusSample(name: name, labels: labels, value: value, timestamp: timestamp)
  }

  /// A float as Go's `strconv.ParseFloat` reads it in this format.
  static func goFloat(_ text: String) -> Double? {
    switch text {
    case "+Inf", "Inf": return .infinity
    case "-Inf": return -.infinity
    case "NaN": return .nan
    default:
      return Array(text.utf8).withUnsafeBufferPointer { DecimalNumber.parse($0) }
    }
  }
}
