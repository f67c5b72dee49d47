import Testing

@testable import Telemetry

@Suite struct TraceStateTests {
  private func keys(_ state: TraceState?) -> [String]? { state?.entries.map(\.key) }

  @Test func traceState_parsesMembersInOrder() {
    let state = TraceState(["rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"])
    #expect(keys(state) == ["rojo", "congo"])
    #expect(state?.entries.last?.value == "t61rcWkgMzE")
    #expect(state?.headerValue == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
  }

  @Test func traceState_combinesSeveralHeaderLines() {
    #expect(keys(TraceState(["a=1", "b=2,c=3"])) == ["a", "b", "c"])
  }

  @Test func traceState_ignoresEmptyMembersAndSpacesAroundThem() {
    let state = TraceState([" a=1 ,\t, ,b=2 ,", ""])
    #expect(keys(state) == ["a", "b"])
    #expect(state?.entries.first?.value == "1")
  }

  @Test func traceState_thirtyTwoMembersAllowedThirtyThreeDropTheHeader() {
    let members = (0..<33).map { "k\($0)=v" }
    #expect(TraceState([members.prefix(32).joined(separator: ",")])?.entries.count == 32)
    #expect(TraceState([members.joined(separator: ",")]) == nil)
    #expect(
      TraceState([
        members.prefix(20).joined(separator: ","), members.suffix(13).joined(separator: ","),
      ]) == nil)
  }

  @Test(arguments: [
    "tenant@system=v", "0tenant@sys=v", "a_b-c*d/e=v", "k9=v", "x@y=v",
    String(repeating: "a", count: 256) + "=v",
    String(repeating: "t", count: 241) + "@" + String(repeating: "s", count: 14) + "=v",
  ])
  func traceState_acceptsKeysOfTheGrammar(_ member: String) {
    #expect(TraceState([member])?.entries.count == 1)
  }

  @Test(arguments: [
    "Upper=v",  // uppercase
    "9key=v",  // simple key starts with a digit
    "_key=v",  // simple key starts with a symbol
    "ke.y=v",  // dot not allowed
    "a@9sys=v",  // system id starts with a digit
    "@sys=v",  // empty tenant
    "tenant@=v",  // empty system
    "a@b@c=v",  // two @
    "=v",  // empty key
    "novalue",  // no '='
    String(repeating: "a", count: 257) + "=v",  // key too long
    "t@" + String(repeating: "s", count: 15) + "=v",  // system id too long
    String(repeating: "t", count: 242) + "@s=v",  // tenant id too long
  ])
  func traceState_rejectsInvalidKeys(_ member: String) {
    #expect(TraceState(["ok=1," + member]) == nil)
  }

  @Test(arguments: [
    "k=a=b",  // '=' in the value
    "k=",  // empty value
    "k=tab\tinside",  // control character
    "k=caf\u{E9}",  // not ASCII
    "k=" + String(repeating: "v", count: 257),  // value too long
  ])
  func traceState_rejectsInvalidValues(_ member: String) {
    #expect(TraceState([member]) == nil)
  }

  @Test func traceState_commaSplitsValuesIntoMembers() {
    // A ',' cannot be inside a value: "k=a,b" is the member "k=a" and the invalid member "b".
    #expect(TraceState(["k=a,b"]) == nil)
  }

  @Test func traceState_acceptsValuesWithSpacesInside() {
    #expect(TraceState(["k=a b  c"])?.entries.first?.value == "a b  c")
    #expect(TraceState(["k=" + String(repeating: "v", count: 256)]) != nil)
  }

  @Test func traceState_duplicateKeysDropTheHeader() {
    #expect(TraceState(["a=1,b=2,a=3"]) == nil)
    #expect(TraceState(["a=1", "a=1"]) == nil)
  }

  @Test func traceState_overlongHeaderIsDropped() {
    let padding = String(repeating: ",", count: TraceState.maximumHeaderLength)
    #expect(TraceState(["a=1" + padding]) == nil)
  }

  @Test func traceState_updateMovesKeyToTheFrontAndDropsTheThirtyThird() throws {
    var state = try #require(TraceState([(0..<32).map { "k\($0)=v" }.joined(separator: ",")]))
    let movedExisting = state.update(key: "k5", value: "new")
    #expect(movedExisting)
    #expect(state.entries.count == 32)
    #expect(state.entries.first?.key == "k5" && state.entries.first?.value == "new")
    let addedNew = state.update(key: "sidecar", value: "x")
    #expect(addedNew)
    #expect(state.entries.count == 32)
    #expect(state.entries.first?.key == "sidecar")
    #expect(!state.entries.contains { $0.key == "k31" })
  }

  @Test func traceState_updateRefusesInvalidKeyOrValue() {
    var state = TraceState()
    let badKey = state.update(key: "Bad", value: "x")
    let badValue = state.update(key: "good", value: "a,b")
    let trailingSpace = state.update(key: "good", value: "a ")
    #expect(!badKey && !badValue && !trailingSpace)
    #expect(state.entries.isEmpty)
    #expect(state.headerValue == "")
  }
}
