/// Comma-separated values as RFC 4180 §2 writes them: fields with a comma, quote or line break
/// are quoted with inner quotes doubled; lines end in CRLF. A field a spreadsheet would run as
/// a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'` (OWASP "CSV
/// Injection"), since learners type names and answers.
enum CSV {
  /// One field, escaped.
  static func field(_ text: String) -> String {
    var value = text
    if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
      value = "'" + value
    }
    // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
    guard value.unicodeScalars.contains(where: { [",", "\"", "\n", "\r"].contains($0) }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One record: the fields escaped, joined by commas, ended by CRLF.
  static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\r\n"
  }
}
