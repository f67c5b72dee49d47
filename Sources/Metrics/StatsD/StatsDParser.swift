/// A byte-level parser for StatsD datagrams (etsy/statsd `docs/metric_types.md`, DogStatsD
/// datagram format): lines separated by `\n` (a `\r` before it is dropped), each
/// `name:value|type[|@rate][|#tag[:value],…]`. Every line is bounded; a bad line is reported
/// with its reason and never stops the lines after it.
public enum StatsDParser {
  public static let maxLineLength = 4096
  public static let maxNameLength = 250
  public static let maxTags = 32
  public static let maxTagLength = 200

  /// Calls `visit` with each non-empty line of `datagram`, parsed or refused.
  public static func parse(
    datagram: UnsafeBufferPointer<UInt8>, _ visit: (Result<StatsDLine, StatsDError>) -> Void
  ) {
    var start = 0
    while start < datagram.count {
      var end = start
      while end < datagram.count, datagram[end] != UInt8(ascii: "\n") { end += 1 }
      var lineEnd = end
      if lineEnd > start, datagram[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
      if lineEnd > start {
        visit(parseLine(UnsafeBufferPointer(rebasing: datagram[start..<lineEnd])))
      }
      start = end + 1
    }
  }

  /// All lines of `text` (for tests and tools).
  public static func parse(_ text: String) -> [Result<StatsDLine, StatsDError>] {
    var results: [Result<StatsDLine, StatsDError>] = []
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      parse(datagram: UnsafeBufferPointer(buffer)) { results.append($0) }
    }
    return results
  }

  /// One line without its newline.
  public static func parseLine(_ line: UnsafeBufferPointer<UInt8>) -> Result<
    StatsDLine, StatsDError
  > {
    guard line.count <= maxLineLength else { return .failure(.lineTooLong) }
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
      return .failure(.missingValue)
    }
    let name = UnsafeBufferPointer(rebasing: line[0..<colon])
    guard (1...maxNameLength).contains(name.count), name.allSatisfy(isNameByte) else {
      return .failure(.invalidName)
    }
    var fields = StatsDFieldCursor(line, from: colon + 1)
    let valueField = fields.next()!
    guard let typeField = fields.next() else { return .failure(.missingType) }
    guard let type = statsDType(typeField) else { return .failure(.unknownType) }

    var parsed = StatsDLine(name: String(decoding: name, as: UTF8.self), type: type)
    if type == .set {
      guard !valueField.isEmpty, valueField.allSatisfy(isNameByte) else {
        return .failure(.invalidValue)
      }
      parsed.member = String(decoding: valueField, as: UTF8.self)
    } else {
      guard let value = DecimalNumber.parse(valueField) else { return .failure(.invalidValue) }
      parsed.value = value
      let first = valueField[0]
      parsed.isDelta =
        type == .gauge && (first == UInt8(ascii: "+") || first == UInt8(ascii: "-"))
    }
    while let field = fields.next() {
      switch field.first {
      case UInt8(ascii: "@"):
        guard let rate = DecimalNumber.parse(UnsafeBufferPointer(rebasing: field.dropFirst())),
          rate > 0, rate <= 1
        else { return .failure(.invalidSampleRate) }
        parsed.sampleRate = rate
      case UInt8(ascii: "#"):
        guard let tags = parseTags(UnsafeBufferPointer(rebasing: field.dropFirst())) else {
          return .failure(.invalidTags)
        }
        parsed.tags = tags
      case UInt8(ascii: "c") where field.count > 1 && field[1] == UInt8(ascii: ":"):
        break  // DogStatsD container ID: not a label we keep.
      case UInt8(ascii: "T"):
        break  // DogStatsD client timestamp: samples are bucketed by arrival time.
      default:
        return .failure(.unknownField)
      }
    }
    return .success(parsed)
  }

  /// `k:v,k2` → labels; a tag without `:` gets an empty value. Tag names become Prometheus
  /// label names (``Label/prometheusName(_:)``: `appmesh.virtual_node` → `appmesh_virtual_node`).
  private static func parseTags(_ bytes: UnsafeBufferPointer<UInt8>) -> [Label]? {
    var tags: [Label] = []
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
      let tag = UnsafeBufferPointer(rebasing: bytes[start..<end])
      guard !tag.isEmpty, tag.count <= maxTagLength, tags.count < maxTags else { return nil }
      if let colon = tag.firstIndex(of: UInt8(ascii: ":")) {
        let name = UnsafeBufferPointer(rebasing: tag[0..<colon])
        let value = UnsafeBufferPointer(rebasing: tag[(colon + 1)...])
        guard !name.isEmpty, name.allSatisfy(isNameByte), value.allSatisfy(isTagValueByte) else {
          return nil
        }
        tags.append(
          Label(
            Label.prometheusName(String(decoding: name, as: UTF8.self)),
            String(decoding: value, as: UTF8.self)))
      } else {
        guard tag.allSatisfy(isNameByte) else { return nil }
        tags.append(Label(Label.prometheusName(String(decoding: tag, as: UTF8.self)), ""))
      }
      start = end + 1
    }
    return tags
  }

  private static func statsDType(_ bytes: UnsafeBufferPointer<UInt8>) -> StatsDType? {
    switch bytes.count {
    case 1:
      switch bytes[0] {
      case UInt8(ascii: "c"): .counter
      case UInt8(ascii: "g"): .gauge
      case UInt8(ascii: "h"): .histogram
      case UInt8(ascii: "d"): .distribution
      case UInt8(ascii: "s"): .set
      default: nil
      }
    case 2 where bytes[0] == UInt8(ascii: "m") && bytes[1] == UInt8(ascii: "s"): .timer
    default: nil
    }
  }

  /// Visible ASCII except the protocol's separators `:`, `|`, `@`, `#` and `,`.
  @inline(__always)
  static func isNameByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ":") && byte != UInt8(ascii: "|")
      && byte != UInt8(ascii: "@") && byte != UInt8(ascii: "#") && byte != UInt8(ascii: ",")
  }

  /// A tag value may also hold `:` (as in `url:http://x`) and `@`, `#`.
  @inline(__always)
  private static func isTagValueByte(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "|") && byte != UInt8(ascii: ",")
  }
}
