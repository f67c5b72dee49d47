import Testing

@testable import Wire

@Suite struct HTTPChunkedDecoderTests {
  struct Outcome: Equatable {
    var body: [UInt8] = []
    var consumed = 0
    var finished = false
    var error: HTTPError?
  }

  /// Decodes `input` in pieces of `step` bytes (the whole input when `nil`), as a connection
  /// would, stopping at the end of the body or the first error.
  static func decode(
    _ input: String, step: Int? = nil, maxBody: Int = 1024, limits: HTTPLimits = HTTPLimits()
  )
    -> Outcome
  {
    let bytes = Array(input.utf8)
    var decoder = ChunkedDecoder(maxBody: maxBody, limits: limits)
    var outcome = Outcome()
    var start = 0
    repeat {
      let end = min(bytes.count, start + (step ?? bytes.count))
      let result = bytes[start..<end].withUnsafeBytes {
        piece -> Result<(consumed: Int, finished: Bool), HTTPError> in
        do throws(HTTPError) {
          return .success(try decoder.decode(piece, into: &outcome.body))
        } catch {
          return .failure(error)
        }
      }
      switch result {
      case .success(let progress):
        outcome.consumed += progress.consumed
        outcome.finished = progress.finished
      case .failure(let error):
        outcome.error = error
        return outcome
      }
      start = end
    } while start < bytes.count && !outcome.finished
    return outcome
  }

  @Test func chunks_areJoined() {
    let input = "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
    let outcome = Self.decode(input)
    #expect(outcome.body == Array("hello, world".utf8))
    #expect(outcome.finished)
    #expect(outcome.consumed == input.utf8.count)
  }

  @Test func upperAndLowerCaseHex_areAccepted() {
    let outcome = Self.decode("A\r\n0123456789\r\nb\r\n0123456789a\r\n0\r\n\r\n")
    #expect(outcome.body.count == 21)
    #expect(outcome.finished)
  }

  @Test func extensionsAndTrailers_areSkipped() {
    let outcome = Self.decode(
      "3 ; name=\"v\"\r\nabc\r\n0;last\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n")
    #expect(outcome.body == Array("abc".utf8))
    #expect(outcome.finished)
  }

  @Test(arguments: [1, 2, 5])
  func pieceByPiece_matchesOneShot(_ step: Int) {
    let input = "4;x=y\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nT: v\r\n\r\n"
    #expect(Self.decode(input, step: step) == Self.decode(input))
    #expect(Self.decode(input).body == Array("Wikipedia in \r\n\r\nchunks.".utf8))
  }

  @Test func bytesAfterTheBody_areNotConsumed() {
    let body = "2\r\nok\r\n0\r\n\r\n"
    let outcome = Self.decode(body + "GET / HTTP/1.1\r\n")
    #expect(outcome.finished)
    #expect(outcome.consumed == body.utf8.count)
  }

  @Test func unfinishedBody_isNotFinished() {
    let outcome = Self.decode("5\r\nhel")
    #expect(!outcome.finished)
    #expect(outcome.error == nil)
    #expect(outcome.body == Array("hel".utf8))
  }

  @Test func oversizedChunk_is413BeforeItsData() {
    let outcome = Self.decode("400\r\n", maxBody: 1000)
    #expect(outcome.error?.status == .contentTooLarge)
    #expect(outcome.body.isEmpty)
  }

  @Test func bodyAtTheLimit_isAccepted() {
    let outcome = Self.decode("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", maxBody: 5)
    #expect(outcome.finished)
    #expect(outcome.body.count == 5)
  }

  @Test func chunkLineAtTheLimit_isAccepted() {
    var limits = HTTPLimits()
    limits.maxChunkLine = 8
    #expect(Self.decode("1;abcde\r\nx\r\n0\r\n\r\n", limits: limits).finished)
    #expect(Self.decode("1;abcdef\r\nx\r\n0\r\n\r\n", limits: limits).error?.status == .badRequest)
  }

  @Test func tooManyTrailerFields_is431() {
    var limits = HTTPLimits()
    limits.maxHeaderCount = 2
    let outcome = Self.decode("0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits)
    #expect(outcome.error?.status == .headerFieldsTooLarge)
  }

  @Test func oversizedTrailerSection_is431() {
    var limits = HTTPLimits()
    limits.maxHeaderBytes = 32
    let outcome = Self.decode("0\r\nX-Long: " + String(repeating: "v", count: 40), limits: limits)
    #expect(outcome.error?.status == .headerFieldsTooLarge)
  }
}
