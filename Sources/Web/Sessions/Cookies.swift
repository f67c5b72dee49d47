/// The cookies a request carries, parsed from its `Cookie` header fields (RFC 6265 §4.2.1,
/// §5.4): `name=value` pairs separated by `;`. Bounded: at most ``maxCookies`` pairs and
/// ``maxHeaderBytes`` bytes of fields are read (a field past the budget is ignored); pairs without `=` are skipped; the first of a repeated
/// name wins (user agents send the most specific path first, §5.4 step 2).
public struct Cookies: Sendable, Equatable {
  public static let maxCookies = 50
  public static let maxHeaderBytes = 8 * 1024

  private var values: [String: String] = [:]

  /// Parses every `Cookie` field value given (HTTP/2 intermediaries may split them).
  public init(headerValues: [String]) {
    var budget = Self.maxHeaderBytes
    var count = 0
    for header in headerValues {
      guard header.utf8.count <= budget else { return }
      budget -= header.utf8.count
      for pair in header.split(separator: ";") {
        guard count < Self.maxCookies else { return }
        guard let equals = pair.firstIndex(of: "=") else { continue }
        let name = pair[..<equals].trimmingASCIISpaces()
        var value = pair[pair.index(after: equals)...].trimmingASCIISpaces()
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
          value = value.dropFirst().dropLast()
        }
        guard !name.isEmpty else { continue }
        count += 1
        if values[String(name)] == nil { values[String(name)] = String(value) }
      }
    }
  }

  /// The value of cookie `name`, or `nil`.
  public subscript(name: String) -> String? { values[name] }
}
