import Wire

/// The name a learner or instructor goes by, as typed into a form: trimmed, 1–64 characters,
/// no control characters and no bidirectional overrides (which could disguise a name on the
/// instructor's page, Unicode TR #36 §2.1).
public enum DisplayName {
  public static let maxCharacters = 64
  /// Bytes read at most, so a huge field never reaches the character checks.
  static let maxBytes = 1024

  /// The cleaned name, or a 400 that says what is wrong with it.
  public static func validate(_ raw: String) throws(HTTPError) -> String {
    guard raw.utf8.count <= maxBytes else {
      throw HTTPError(.badRequest, "name is too long (at most 64 characters)")
    }
    let name = raw.trimmingWhitespace()
    guard !name.isEmpty else { throw HTTPError(.badRequest, "name must not be empty") }
    guard name.count <= maxCharacters, name.utf8.count <= 4 * maxCharacters else {
      throw HTTPError(.badRequest, "name is too long (at most 64 characters)")
    }
    for scalar in name.unicodeScalars {
      let category = scalar.properties.generalCategory
      let isBidiControl =
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
      if category == .control || isBidiControl || category == .lineSeparator
        || category == .paragraphSeparator
      {
        throw HTTPError(.badRequest, "name must not contain control characters")
      }
    }
    return name
  }
}
