import Telemetry

/// App Mesh's `Duration` shape, `{"value": 15, "unit": "s"}` (botocore appmesh 2019-01-25).
public struct MeshDuration: Sendable, Equatable {
  public enum Unit: String, Sendable, CaseIterable {
    case s, ms
  }

  public var value: Int
  public var unit: Unit

  public init(value: Int, unit: Unit) {
    self.value = value
    self.unit = unit
  }

  public static func milliseconds(_ value: Int) -> MeshDuration {
    MeshDuration(value: value, unit: .ms)
  }
  public static func seconds(_ value: Int) -> MeshDuration { MeshDuration(value: value, unit: .s) }

  /// The duration in nanoseconds; a negative value counts as 0 and an overflow saturates (a
  /// parsed duration is never either, but one built in code may be).
  public var nanoseconds: UInt64 {
    let (product, overflow) = UInt64(clamping: value).multipliedReportingOverflow(
      by: unit == .s ? 1_000_000_000 : 1_000_000)
    return overflow ? .max : product
  }

  /// Reads a duration of at least `minimumMilliseconds` and at most one day (so that no sum or
  /// product of durations overflows).
  init(_ reader: ConfigReader, minimumMilliseconds: Int = 0) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["value", "unit"])
    unit = try reader.required("unit").choice(Unit.self)
    let limit = unit == .s ? 86_400 : 86_400_000
    let low = unit == .s ? (minimumMilliseconds + 999) / 1000 : minimumMilliseconds
    value = try reader.required("value").int(in: low...limit)
  }

  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("value")
    json.int(value)
    json.key("unit")
    json.string(unit.rawValue)
    json.endObject()
  }
}
