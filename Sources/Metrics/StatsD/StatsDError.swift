/// Why a StatsD line was refused; the intake counts refused lines by these names.
public enum StatsDError: String, Error, Sendable, CaseIterable {
  case lineTooLong = "line_too_long"
  case missingValue = "missing_value"
  case invalidName = "invalid_name"
  case invalidValue = "invalid_value"
  case missingType = "missing_type"
  case unknownType = "unknown_type"
  case invalidSampleRate = "invalid_sample_rate"
  case invalidTags = "invalid_tags"
  case unknownField = "unknown_field"
  /// The name is already a series of another kind (a counter sent as a gauge).
  case typeConflict = "type_conflict"
}
