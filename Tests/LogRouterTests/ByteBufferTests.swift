import Testing

@testable import LogRouter

@Suite struct ByteBufferTests {
  @Test func wordNeedsEscape_findsEverySpecialByteInEveryLane() {
    let plain = Array("abcdefgh".utf8)
    #expect(!ByteBuffer.wordNeedsEscape(Self.word(plain)))
    #expect(!ByteBuffer.wordNeedsEscape(Self.word(Array("~ !#[]{}".utf8))))
    #expect(
      !ByteBuffer.wordNeedsEscape(Self.word([0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0x7F, 0x20, 0x21])))
    for lane in 0..<8 {
      for special: UInt8 in [0x00, 0x01, 0x0A, 0x1F, 0x22, 0x5C] {
        var bytes = plain
        bytes[lane] = special
        #expect(ByteBuffer.wordNeedsEscape(Self.word(bytes)), "byte \(special) in lane \(lane)")
      }
    }
  }

  static func word(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
  }

  @Test(arguments: [
    ("", #""""#), ("plain", #""plain""#), ("exactly8", #""exactly8""#),
    ("a\"b\\c\nd\re\tf\u{1}g", #""a\"b\\c\nd\re\tf\u0001g""#),
    (String(repeating: "x", count: 21) + "\"", #""xxxxxxxxxxxxxxxxxxxxx\"""#),
    ("\u{E9}t\u{E9} \u{1F600}", "\"\u{E9}t\u{E9} \u{1F600}\""),
  ])
  func appendQuoted_escapesAsRFC8259(text: String, expected: String) {
    let buffer = ByteBuffer(capacity: 1)
    buffer.appendQuoted(text)
    #expect(String(decoding: buffer.bytes, as: UTF8.self) == expected)
  }

  @Test func appendJSON_writesEveryValueKind() {
    let buffer = ByteBuffer()
    buffer.appendJSON(
      .map([
        LogField("i", .integer(-9_223_372_036_854_775_807 - 1)), LogField("z", .integer(0)),
        LogField("d", .double(0.5)), LogField("inf", .double(.infinity)),
        LogField("b", .bool(true)),
        LogField("n", .null), LogField("a", .array([.integer(1), .string("s")])),
      ]))
    #expect(
      String(decoding: buffer.bytes, as: UTF8.self)
        == #"{"i":-9223372036854775808,"z":0,"d":0.5,"inf":null,"b":true,"n":null,"a":[1,"s"]}"#)
  }
}
