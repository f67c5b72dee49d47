/// Unicorn's real work: mixing a 16 KiB buffer in rounds for about `milliseconds` of CPU time,
/// so each request costs measurable CPU like a real handler would.
public enum UnicornWork {
  /// Runs for at least `milliseconds` (and at least one round); returns the digest, so the work
  /// cannot be optimised away.
  public static func run(milliseconds: Double = 2) -> UInt64 {
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: index &* 31) }
    let deadline = WallClock.monotonic() + milliseconds / 1000
    // FNV-1a 64, fed back into the buffer so every round depends on the one before.
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    repeat {
      for index in buffer.indices {
        digest = (digest ^ UInt64(buffer[index])) &* 0x100_0000_01b3
        buffer[index] = UInt8(truncatingIfNeeded: digest >> 32)
      }
    } while WallClock.monotonic() < deadline
    return digest
  }
}
