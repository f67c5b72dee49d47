extension String {
  /// ASCII case-insensitive equality with a lower-case literal, byte by byte. Concrete (not
  /// generic over `StringProtocol`), so the per-header checks of the hot path cost no
  /// generic-metadata lookups.
  @inline(__always)
  func equalsLowercase(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard utf8.count == count else { return false }
    var text = self
    return text.withUTF8 { bytes in
      let expected = literal.utf8Start
      for index in 0..<count {
        let byte = bytes[index]
        if (byte >= 65 && byte <= 90 ? byte | 0x20 : byte) != expected[index] { return false }
      }
      return true
    }
  }
}
