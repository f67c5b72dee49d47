/// CloudWatch's `TreatMissingData`: how a period without data counts.
public enum TreatMissingData: String, Sendable, CaseIterable {
  /// Missing periods do not count; with no data in any period → INSUFFICIENT_DATA.
  case missing
  /// Missing periods do not count; with no data in any period the state stays as it is.
  case ignore
  /// A missing period counts as breaching the threshold.
  case breaching
  /// A missing period counts as within the threshold.
  case notBreaching
}
