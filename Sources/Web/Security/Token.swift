import COpenSSL
import Foundation

/// A 256-bit random bearer secret (session, rejoin and bootstrap tokens), written as
/// unpadded base64url (RFC 4648 §5). Tokens are stored only as their SHA-256 digest.
public struct Token: Sendable, Hashable, CustomStringConvertible {
  /// Length of a token's text: 32 bytes in unpadded base64url.
  public static let textLength = 43

  /// The token as given to its holder.
  public let text: String

  /// A fresh token of 32 random bytes.
  public static func generate() -> Token {
    Token(verified: Base64URL.encode(SecureRandom.bytes(32)))
  }

  /// A token read from outside (cookie, header, URL); `nil` unless it has the exact length and
  /// alphabet of a generated token, so nothing unbounded ever reaches the database.
  public init?(_ text: some StringProtocol) {
    guard text.utf8.count == Self.textLength, text.utf8.allSatisfy(Base64URL.isAlphabet) else {
      return nil
    }
    self.text = String(text)
  }

  private init(verified text: String) { self.text = text }

  /// The lowercase hex SHA-256 of the token's text: the only form that is stored.
  public var sha256Hex: String { Self.sha256Hex(text) }

  /// Keeps tokens out of logs and interpolated strings by accident.
  public var description: String { "Token(…)" }

  /// Lowercase hex SHA-256 (FIPS 180-4) of a string's UTF-8 bytes.
  public static func sha256Hex(_ text: String) -> String {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { input in
      _ = SHA256(input.baseAddress, input.count, &digest)
    }
    return digest.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
