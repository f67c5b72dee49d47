import Foundation
import Testing

@testable import Web

@Suite struct PasswordHasherTests {
  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  static func derive(_ password: String, _ salt: String, _ rounds: Int, _ length: Int) -> String {
    hex(
      PasswordHasher.derive(
        password: Array(password.utf8), salt: Array(salt.utf8), iterations: rounds, length: length))
  }

  /// PBKDF2-HMAC-SHA256 vectors in the style of RFC 6070 (which lists them for SHA-1).
  @Test func derive_matchesPublishedVectors() {
    #expect(
      Self.derive("password", "salt", 1, 32)
        == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    #expect(
      Self.derive("password", "salt", 2, 32)
        == "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")
    #expect(
      Self.derive("password", "salt", 4096, 32)
        == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    #expect(
      Self.derive("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40)
        == "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9")
  }

  @Test func defaultIterations_areAtLeast600000() {
    #expect(PasswordHasher().iterations >= 600_000)
    #expect(PasswordHasher.defaultIterations >= 600_000)
  }

  @Test func hash_isSelfDescribingWithFreshSalt() {
    let hasher = PasswordHasher(iterations: 1000)
    let first = hasher.hash("correct horse battery")
    let second = hasher.hash("correct horse battery")
    let parts = first.split(separator: "$")
    #expect(parts.count == 4)
    #expect(parts[0] == "pbkdf2-sha256")
    #expect(parts[1] == "1000")
    #expect(first != second)
  }

  @Test func verify_acceptsTheRightPasswordOnly() {
    let hasher = PasswordHasher(iterations: 1000)
    let stored = hasher.hash("correct horse battery")
    #expect(hasher.verify("correct horse battery", against: stored))
    #expect(!hasher.verify("correct horse batterY", against: stored))
    #expect(!hasher.verify("", against: stored))
  }

  @Test func verify_usesTheStoredIterationCount() {
    let stored = PasswordHasher(iterations: 1000).hash("correct horse battery")
    #expect(PasswordHasher(iterations: 5).verify("correct horse battery", against: stored))
  }

  @Test func verify_refusesTamperedStrings() {
    let hasher = PasswordHasher(iterations: 1000)
    let stored = hasher.hash("correct horse battery")
    var parts = stored.split(separator: "$").map(String.init)
    let tampered = [
      stored.replacingOccurrences(of: "$1000$", with: "$1001$"),
      stored.replacingOccurrences(of: "pbkdf2-sha256", with: "pbkdf2-sha1"),
      stored + "$extra",
      "pbkdf2-sha256$1000$not-base64$also-not",
      "pbkdf2-sha256$99999999999$\(parts[2])$\(parts[3])",
      "",
    ]
    for text in tampered {
      #expect(!hasher.verify("correct horse battery", against: text), "accepted \(text)")
    }
    // Flip one byte of the hash itself.
    parts[3] = String(parts[3].first == "A" ? "B" : "A") + parts[3].dropFirst()
    #expect(!hasher.verify("correct horse battery", against: parts.joined(separator: "$")))
  }
}
