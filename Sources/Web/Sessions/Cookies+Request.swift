import Wire

extension Cookies {
  /// The cookies of every `Cookie` field of `request`.
  init(_ request: HTTPRequest) { self.init(headerValues: request.headers.values("Cookie")) }

  /// Cookie `name` read as a token; `nil` when absent or not shaped like one.
  func token(_ name: String) -> Token? { self[name].flatMap { Token($0) } }
}
