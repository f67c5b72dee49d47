import COpenSSL
import Foundation

/// Password hashing with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) through OpenSSL, stored as a
/// self-describing string `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>` so the
/// cost can rise later without breaking stored hashes.
public struct PasswordHasher: Sendable {
  /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
  public static let defaultIterations = 600_000
  /// Stored hashes asking for more rounds than this are refused (a tampered row must not
  /// turn a sign-in into a denial of service).
  static let maxStoredIterations = 10_000_000
  static let scheme = "pbkdf2-sha256"
  static let saltLength = 16
  static let hashLength = 32
  /// Passwords longer than this are refused before hashing.
  public static let maxPasswordBytes = 1024

  /// Rounds used for new hashes.
  public let iterations: Int

  public init() { iterations = Self.defaultIterations }

  /// Fewer rounds, for tests only; never more than the default.
  init(iterations: Int) {
    precondition((1...Self.defaultIterations).contains(iterations), "iterations out of range")
    self.iterations = iterations
  }

  /// Hashes `password` with a fresh 16-byte salt.
  public func hash(_ password: String) -> String {
    let salt = SecureRandom.bytes(Self.saltLength)
    let derived = Self.derive(
      password: Array(password.utf8), salt: salt, iterations: iterations, length: Self.hashLength)
    return [
      Self.scheme, String(iterations), Data(salt).base64EncodedString(),
      Data(derived).base64EncodedString(),
    ].joined(separator: "$")
  }

  /// Whether `password` matches `stored`, compared in constant time. A malformed or
  /// tampered `stored` string never matches.
  public func verify(_ password: String, against stored: String) -> Bool {
    let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0] == Self.scheme,
      let rounds = Int(parts[1]), (1...Self.maxStoredIterations).contains(rounds),
      let salt = Data(base64Encoded: String(parts[2])), salt.count == Self.saltLength,
      let expected = Data(base64Encoded: String(parts[3])), expected.count == Self.hashLength,
      password.utf8.count <= Self.maxPasswordBytes
    else { return false }
    let derived = Self.derive(
      password: Array(password.utf8), salt: Array(salt), iterations: rounds, length: Self.hashLength
    )
    return ConstantTime.equal(derived, Array(expected))
  }

  /// PBKDF2 with HMAC-SHA256 as the PRF (RFC 8018 §5.2), via `PKCS5_PBKDF2_HMAC`.
  static func derive(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: length)
    let result = password.withUnsafeBufferPointer { passwordBytes in
      salt.withUnsafeBufferPointer { saltBytes in
        passwordBytes.withMemoryRebound(to: CChar.self) { passwordChars in
          PKCS5_PBKDF2_HMAC(
            passwordChars.baseAddress, Int32(password.count), saltBytes.baseAddress,
            Int32(salt.count),
            Int32(iterations), EVP_sha256(), Int32(length), &output)
        }
      }
    }
    guard result == 1 else { fatalError("PKCS5_PBKDF2_HMAC failed") }
    return output
  }
}
