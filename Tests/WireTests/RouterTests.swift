import Testing

@testable import Wire

@Suite struct RouterTests {
  static let ok = RouteHandler.inline { _ in HTTPResponse() }
  let router = Router([
    Route(.get, "/labs", ok), Route(.get, "/labs/:id", ok), Route(.post, "/labs/:id", ok),
    Route(.get, "/labs/new", ok), Route(.get, "/static/*", ok),
  ])

  @Test func literal_beatsParameter() {
    guard case .found(let route, let parameters) = router.match(method: .get, path: "/labs/new")
    else {
      Issue.record("no match")
      return
    }
    #expect(route.pattern == "/labs/new")
    #expect(parameters.isEmpty)
  }

  @Test func parameter_isBound() {
    guard case .found(_, let parameters) = router.match(method: .post, path: "/labs/42") else {
      Issue.record("no match")
      return
    }
    #expect(parameters["id"] == "42")
  }

  @Test func wildcard_bindsRest() {
    guard case .found(_, let parameters) = router.match(method: .get, path: "/static/css/site.css")
    else {
      Issue.record("no match")
      return
    }
    #expect(parameters["*"] == "css/site.css")
  }

  @Test func otherMethod_is405WithAllow() {
    guard case .methodNotAllowed(let allowed) = router.match(method: .delete, path: "/labs/1")
    else {
      Issue.record("expected 405")
      return
    }
    #expect(Set(allowed.map(\.rawValue)) == ["GET", "POST"])
  }

  @Test func head_fallsBackToGet() {
    guard case .found(let route, _) = router.match(method: .head, path: "/labs") else {
      Issue.record("no match")
      return
    }
    #expect(route.method == .get)
  }

  @Test func unknownPath_is404() {
    guard case .notFound = router.match(method: .get, path: "/nope") else {
      Issue.record("expected 404")
      return
    }
  }
}

@Suite struct RouterDepthTests {
  static let ok = RouteHandler.inline { _ in HTTPResponse() }

  @Test func deepPath_matchesOnlyAWildcard() {
    let deep = Substring("/files/" + Array(repeating: "a", count: 40).joined(separator: "/"))
    let router = Router([Route(.get, "/files/*", Self.ok)])
    guard case .found(_, let parameters) = router.match(method: .get, path: deep) else {
      Issue.record("no match")
      return
    }
    #expect(parameters["*"] == String(deep.dropFirst("/files/".count)))
    let exact = Router([Route(.get, "/files/:a", Self.ok)])
    guard case .notFound = exact.match(method: .get, path: deep) else {
      Issue.record("expected 404")
      return
    }
  }

  @Test func repeatedSlashes_areOneSeparator() {
    let router = Router([Route(.get, "/labs/:id", Self.ok)])
    guard case .found(_, let parameters) = router.match(method: .get, path: "//labs///7/") else {
      Issue.record("no match")
      return
    }
    #expect(parameters["id"] == "7")
  }
}
