import Wire

extension StaticFileEntry {
  /// The response to a GET or HEAD, honouring conditional requests (RFC 9110 §13.2.2):
  /// `If-None-Match` is evaluated first and, when present, `If-Modified-Since` is ignored;
  /// either condition failing gives 304 with no body.
  func response(to request: HTTPRequest) -> HTTPResponse {
    let noneMatch = request.headers.values("If-None-Match")
    if !noneMatch.isEmpty {
      return noneMatch.contains(where: matches) ? notModified : full
    }
    if let since = request.headers["If-Modified-Since"], let date = HTTPDate.parse(since),
      modifiedSeconds <= date
    {
      return notModified
    }
    return full
  }

  private var full: HTTPResponse {
    HTTPResponse(status: .ok, prepared: fullHeaders, body: .bytes(body))
  }
  private var notModified: HTTPResponse {
    HTTPResponse(status: .notModified, prepared: notModifiedHeaders)
  }

  /// RFC 9110 §13.1.2: `*` matches any current representation; otherwise each listed
  /// entity-tag is compared weakly (the `W/` prefix is ignored on both sides, §8.8.3.2).
  /// Parsing stops at the first malformed member, which matches nothing.
  private func matches(_ field: String) -> Bool {
    let ours = entityTag.utf8.dropFirst().dropLast()
    var rest = Substring(field).utf8
    while true {
      while let first = rest.first,
        first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: ",")
      {
        rest = rest.dropFirst()
      }
      guard let first = rest.first else { return false }
      if first == UInt8(ascii: "*") { return true }
      if rest.starts(with: "W/".utf8) { rest = rest.dropFirst(2) }
      guard rest.first == UInt8(ascii: "\"") else { return false }
      rest = rest.dropFirst()
      guard let close = rest.firstIndex(of: UInt8(ascii: "\"")) else { return false }
      if rest[..<close].elementsEqual(ours) { return true }
      rest = rest[rest.index(after: close)...]
    }
  }
}
