import Foundation
import Testing

@testable import Telemetry

@Suite struct JSONWriterTests {
  /// RFC 8259 §7: what each string must become.
  static let escapes: [(String, String)] = [
    ("plain", #""plain""#),
    ("", #""""#),
    ("say \"hi\"", #""say \"hi\"""#),
    (#"C:\path"#, #""C:\\path""#),
    ("a/b", #""a/b""#),
    ("line\nnext", #""line\nnext""#),
    ("\r\t\u{8}\u{C}", #""\r\t\b\f""#),
    ("\u{0}", #""\u0000""#),
    ("\u{1}\u{1F}", #""\u0001\u001f""#),
    ("\u{7F}", "\"\u{7F}\""),
    ("café", "\"café\""),
    ("😀", "\"😀\""),
    ("\u{2028}", "\"\u{2028}\""),
  ]

  @Test(arguments: escapes)
  func jsonWriter_escapesStrings(_ input: String, _ expected: String) throws {
    var writer = JSONWriter()
    writer.string(input)
    #expect(writer.string == expected)
    let decoded = try JSONSerialization.jsonObject(
      with: Data(writer.bytes), options: .fragmentsAllowed)
    #expect(decoded as? String == input)
  }

  static let doubles: [(Double, String)] = [
    (1.5, "1.5"), (0.1, "0.1"), (-2, "-2.0"), (1e-5, "1e-05"), (1e20, "1e+20"),
    (1_480_615_200.01, "1480615200.01"), (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
  ]

  @Test(arguments: doubles)
  func jsonWriter_writesShortestDoublesAndNullForNonFinite(_ value: Double, _ expected: String)
    throws
  {
    var writer = JSONWriter()
    writer.double(value)
    #expect(writer.string == expected)
    if value.isFinite {
      let decoded = try JSONSerialization.jsonObject(
        with: Data(writer.bytes), options: .fragmentsAllowed)
      #expect((decoded as? NSNumber)?.doubleValue == value)
    }
  }

  static let roundedDoubles: [(Double, Int, String)] = [
    (123.456789, 4, "123.5"), (0.000123456, 4, "0.0001235"), (98_765.4321, 4, "98770"),
    (5.0, 4, "5"), (-42.4242, 4, "-42.42"), (9_999.6, 4, "10000"), (0.099996, 4, "0.1"),
    (1.25, 2, "1.3"), (-1.25, 2, "-1.3"), (0.001, 4, "0.001"), (1_000, 1, "1000"),
    (123_456_789_012.5, 15, "123456789012.5"), (0.5, 1, "0.5"), (1e-6, 3, "0.000001"),
    (0, 4, "0.0"), (1e-7, 4, "1e-07"), (1e17, 4, "1e+17"), (.nan, 4, "null"),
  ]

  @Test(arguments: roundedDoubles)
  func jsonWriter_writesDoublesRoundedToSignificantDigits(
    _ value: Double, _ digits: Int, _ expected: String
  ) {
    var writer = JSONWriter()
    writer.beginArray()
    writer.double(value, significantDigits: digits)
    writer.double(value, significantDigits: digits)
    writer.endArray()
    #expect(writer.string == "[\(expected),\(expected)]")
  }

  @Test(arguments: [0, 7, -7, 10, 1_795_869_985, Int.max, Int.min])
  func jsonWriter_writesIntegersAsDecimalDigits(value: Int) {
    var writer = JSONWriter()
    writer.beginArray()
    writer.int(value)
    writer.int(value)
    writer.endArray()
    #expect(writer.string == "[\(value),\(value)]")
  }

  @Test func jsonWriter_placesCommasAndColonsInNestedContainers() {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("a")
    writer.int(-1)
    writer.key("list")
    writer.beginArray()
    writer.bool(true)
    writer.null()
    writer.beginObject()
    writer.endObject()
    writer.beginArray()
    writer.endArray()
    writer.string("x")
    writer.endArray()
    writer.key("k\"ey")
    writer.bool(false)
    writer.endObject()
    #expect(writer.string == #"{"a":-1,"list":[true,null,{},[],"x"],"k\"ey":false}"#)
  }

  @Test func jsonWriter_startsEmpty() {
    #expect(JSONWriter().bytes.isEmpty)
    #expect(JSONWriter().string == "")
  }
}
