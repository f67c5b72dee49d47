/// Turns what an input read into records: the line parsed by the input's parser (kept whole
/// under `log` when there is no parser, when parsing fails, or with `Preserve_Key On`), then
/// the FireLens fields, which replace fields of the same name.
struct RecordBuilder: Sendable {
  let tag: String
  let parser: LogParser?
  let preserveKey: Bool
  let enrichment: [LogField]
  let maxLineLength: Int
  /// The UTF-8 lengths of the FireLens keys.
  let enrichmentKeyLengths: [Int]

  init(input: InputConfig, metadata: FireLensMetadata) {
    tag = input.tag
    parser = input.parser
    preserveKey = input.preserveKey
    enrichment = metadata.fields(source: input.source, container: input.containerName)
    maxLineLength = input.maxLineLength
    enrichmentKeyLengths = enrichment.map(\.key.utf8.count)
  }

  /// The record of one line (without its line break).
  func record(line: UnsafeBufferPointer<UInt8>, timestamp: Double) -> LogRecord {
    var record = LogRecord(tag: tag, timestamp: timestamp)
    let truncated = line.count > maxLineLength
    let line = truncated ? UnsafeBufferPointer(rebasing: line[0..<maxLineLength]) : line
    let parsed = (try? parser?.parse(line)) ?? nil
    record.fields.reserveCapacity((parsed?.count ?? 0) + enrichment.count + 2)
    if parsed == nil || preserveKey {
      record.fields.append(LogField("log", .string(String(decoding: line, as: UTF8.self))))
    }
    if truncated { record.fields.append(LogField("log_truncated", .bool(true))) }
    guard let parsed else {
      record.fields.append(contentsOf: enrichment)
      return record
    }
    for field in parsed where field.key != "log" || !preserveKey { record.fields.append(field) }
    enrich(&record)
    return record
  }

  /// A record that arrived whole (TCP, HTTP): tagged, given a `log` (its own JSON) when it
  /// has none, and enriched.
  func record(fields: [LogField], timestamp: Double) -> LogRecord {
    var record = LogRecord(tag: tag, timestamp: timestamp, fields: fields)
    if record.index(of: "log") == nil {
      var bytes: [UInt8] = []
      LogValue.appendObject(fields, to: &bytes)
      record.fields.insert(LogField("log", .string(String(decoding: bytes, as: UTF8.self))), at: 0)
    }
    enrich(&record)
    return record
  }

  /// Appends the FireLens fields, replacing parsed fields of the same name. Keys are compared
  /// only when their lengths agree, so a typical record costs few string comparisons.
  private func enrich(_ record: inout LogRecord) {
    for field in record.fields {
      let length = field.key.utf8.count
      for index in enrichment.indices
      where enrichmentKeyLengths[index] == length && enrichment[index].key == field.key {
        for replacement in enrichment { record[replacement.key] = replacement.value }
        return
      }
    }
    record.fields.append(contentsOf: enrichment)
  }
}
