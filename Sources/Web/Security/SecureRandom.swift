import COpenSSL

/// Cryptographically strong random bytes from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
  /// `count` random bytes. A failing CSPRNG is not something to carry on from: it stops the process.
  public static func bytes(_ count: Int) -> [UInt8] {
    precondition(count >= 0 && count <= 1 << 20, "random byte count out of range")
    var buffer = [UInt8](repeating: 0, count: count)
    guard count > 0 else { return buffer }
    let result = buffer.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
    guard result == 1 else { fatalError("RAND_bytes failed: the system has no usable randomness") }
    return buffer
  }
}
