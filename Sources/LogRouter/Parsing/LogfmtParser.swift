/// logfmt (brandur.org/logfmt, as Fluent Bit's `logfmt` parser reads it): space-separated
/// `key=value` pairs, values optionally double-quoted with `\"` and `\\` escapes; a key
/// with no `=` is a flag (`true`). Values stay strings.
public enum LogfmtParser {
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(LogParseError) -> [LogField]
  {
    var fields: [LogField] = []
    var position = 0
    let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    while position < bytes.count {
      while position < bytes.count, space(bytes[position]) { position += 1 }
      guard position < bytes.count else { break }
      let keyStart = position
      while position < bytes.count, !space(bytes[position]), bytes[position] != UInt8(ascii: "=") {
        if bytes[position] == UInt8(ascii: "\"") {
          throw LogParseError("quote in a key", at: position)
        }
        position += 1
      }
      guard position > keyStart else { throw LogParseError("empty key", at: position) }
      let key = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<position]), as: UTF8.self)
      guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
        fields.append(LogField(key, .bool(true)))
        continue
      }
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
        let quoteStart = position
        position += 1
        var value: [UInt8] = []
        var closed = false
        while position < bytes.count {
          let byte = bytes[position]
          position += 1
          if byte == UInt8(ascii: "\"") {
            closed = true
            break
          }
          if byte == UInt8(ascii: "\\"), position < bytes.count {
            let escaped = bytes[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "t"): value.append(0x09)
            default: value.append(escaped)
            }
            continue
          }
          value.append(byte)
        }
        guard closed else { throw LogParseError("unterminated quoted value", at: quoteStart) }
        fields.append(LogField(key, .string(String(decoding: value, as: UTF8.self))))
      } else {
        let valueStart = position
        while position < bytes.count, !space(bytes[position]) { position += 1 }
        fields.append(
          LogField(
            key,
            .string(
              String(
                decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<position]), as: UTF8.self
              ))
          ))
      }
    }
    guard !fields.isEmpty else { throw LogParseError("no key=value pairs", at: 0) }
    return fields
  }
}
