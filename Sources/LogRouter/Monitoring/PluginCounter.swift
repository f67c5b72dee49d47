/// The counters Fluent Bit's monitoring API reports per plugin instance, with its names.
/// Inputs use `records`/`bytes`; filters `drop_records`/`add_records`/`emit_records`;
/// outputs `proc_records`/`proc_bytes`/`errors`/`retries`/`retries_failed`, plus
/// `dropped_records`: records given up on (exhausted retries, refused chunks, or left over
/// when a stop's grace period ran out).
public enum PluginCounter: Int, CaseIterable, Sendable {
  case records, bytes
  case dropRecords, addRecords, emitRecords
  case procRecords, procBytes, errors, retries, retriesFailed, droppedRecords

  public var name: String {
    switch self {
    case .records: "records"
    case .bytes: "bytes"
    case .dropRecords: "drop_records"
    case .addRecords: "add_records"
    case .emitRecords: "emit_records"
    case .procRecords: "proc_records"
    case .procBytes: "proc_bytes"
    case .errors: "errors"
    case .retries: "retries"
    case .retriesFailed: "retries_failed"
    case .droppedRecords: "dropped_records"
    }
  }

  static let input: [PluginCounter] = [.records, .bytes]
  static let filter: [PluginCounter] = [.dropRecords, .addRecords, .emitRecords]
  static let output: [PluginCounter] = [
    .procRecords, .procBytes, .errors, .retries, .retriesFailed, .droppedRecords,
  ]
}
