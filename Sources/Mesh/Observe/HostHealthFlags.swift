/// Why a host is out of rotation, as Envoy's `/clusters` prints it in `health_flags`
/// (`healthy`, or `/failed_active_hc/failed_outlier_check`).
public struct HostHealthFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt64
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public static let failedActiveHealthCheck = HostHealthFlags(rawValue: 1 << 0)
  public static let failedOutlierCheck = HostHealthFlags(rawValue: 1 << 1)

  public var description: String {
    guard !isEmpty else { return "healthy" }
    var text = ""
    if contains(.failedActiveHealthCheck) { text += "/failed_active_hc" }
    if contains(.failedOutlierCheck) { text += "/failed_outlier_check" }
    return text
  }
}
