/// One observation to fold into a bucket, already in the store's terms.
public enum MetricSample: Sendable, Equatable {
  /// Events counted (already scaled up by 1/sample rate).
  case counter(Double)
  /// A gauge's new value.
  case gauge(Double)
  /// A set member, hashed (FNV-1a 64).
  case member(UInt64)
  /// A timing or histogram value, weighted `count` times.
  case observation(Double, count: UInt64)

  /// FNV-1a 64 (draft-eastlake-fnv §2): a hash that is the same in every process, so set
  /// members of persisted buckets merge with new ones.
  public static func memberHash(_ member: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in member.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return hash
  }
}
