import Testing

@testable import Wire

@Suite struct HTTPDateTests {
  /// RFC 9110 §5.6.7's example instant, 1994-11-06 08:49:37 UTC.
  static let example = 784_111_777

  @Test func format_isIMFFixdate() {
    #expect(HTTPDate.format(Self.example) == "Sun, 06 Nov 1994 08:49:37 GMT")
  }

  @Test(arguments: [
    "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
  ])
  func parse_acceptsAllThreeForms(text: String) {
    #expect(HTTPDate.parse(text) == Self.example)
  }

  @Test(arguments: [
    "", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
    "Sun, 06 Foo 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT", "1994-11-06T08:49:37Z",
  ])
  func parse_refusesOtherText(text: String) {
    #expect(HTTPDate.parse(text) == nil)
  }

  @Test func parse_roundTripsFormat() {
    for seconds in [0, 951_782_400, 1_700_000_000, 4_102_444_799] {
      #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
    }
  }
}
