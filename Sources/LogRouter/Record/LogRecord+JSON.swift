extension LogRecord {
  /// The key the time is written under, as Fluent Bit's `json_date_key` default.
  public static let dateKey = "date"

  /// Appends the record as one JSON line: `{"date":<epoch seconds>,<fields…>}\n`
  /// (Fluent Bit's `json_lines` format).
  public func appendJSONLine(to bytes: inout [UInt8]) {
    let buffer = ByteBuffer()
    buffer.appendJSONLine(self)
    bytes.append(contentsOf: buffer.bytes)
  }

  /// A record read back from a JSON line written by ``appendJSONLine(to:)``: `date` becomes
  /// the timestamp, every other member a field.
  public static func fromJSONLine(_ line: ArraySlice<UInt8>, tag: String) throws(LogParseError)
    -> LogRecord
  {
    var fields = try line.withUnsafeBufferPointer { bytes in
      Result { () throws(LogParseError) in try JSONRecordParser.parseObject(bytes) }
    }.get()
    var timestamp = 0.0
    if let position = fields.firstIndex(where: { $0.key == dateKey }) {
      timestamp = fields[position].value.number ?? 0
      fields.remove(at: position)
    }
    return LogRecord(tag: tag, timestamp: timestamp, fields: fields)
  }
}
