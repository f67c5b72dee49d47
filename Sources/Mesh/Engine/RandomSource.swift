/// A fast pseudo-random generator for one loop thread (SplitMix64), seeded from the system's
/// generator: weighted picks, jitter, fault percentages and request ids need speed, not secrecy.
struct RandomSource: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  init() {
    var system = SystemRandomNumberGenerator()
    state = system.next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A version 4 UUID in its 36-character text form (RFC 9562 §5.4), as Envoy makes
  /// `x-request-id`, appended to `out`.
  mutating func appendUUID(into out: inout [UInt8]) {
    let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
    let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    let hex: StaticString = "0123456789abcdef"
    for index in 0..<32 {
      if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
      let word = index < 16 ? high : low
      let nibble = Int((word >> UInt64(60 - 4 * (index % 16))) & 0xF)
      out.append(hex.utf8Start[nibble])
    }
  }
}
