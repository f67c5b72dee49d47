/// Decodes a chunked body (RFC 9112 §7.1) incrementally: feed it bytes as they arrive, in
/// pieces of any size, and it appends the data to the caller's body until the last chunk and
/// the trailer section have been read. Every line is bounded; the body is bounded by `maxBody`.
public struct ChunkedDecoder: Sendable {
  private enum State: Sendable {
    /// Reading the hexadecimal chunk size.
    case size
    /// After the size: optional whitespace (BWS) before an extension or the CRLF.
    case afterSize
    /// In `;name=value` chunk extensions, which we read past and ignore (§7.1.1).
    case extensions
    /// After the CR that ends the size line.
    case sizeLineFeed
    case data(remaining: Int)
    case dataCarriageReturn
    case dataLineFeed
    /// In the trailer section (§7.1.2): field lines until an empty line.
    case trailer
    case finished
  }

  /// RFC 9112 §7.1 puts no bound on chunk-size; we allow 16 hex digits (64 bits).
  static let maxSizeDigits = 16

  private let maxBody: Int
  private let limits: HTTPLimits
  private var state = State.size
  private var chunkSize = 0
  private var sizeDigits = 0
  private var lineLength = 0
  private var received = 0
  private var trailerLine: [UInt8] = []
  private var trailerBytes = 0
  private var trailerFields = 0

  /// - Parameters:
  ///   - maxBody: the largest decoded body accepted; a chunk that would pass it is a 413.
  ///   - limits: `maxChunkLine` bounds each size line with its extensions; `maxHeaderBytes`
  ///     and `maxHeaderCount` bound the trailer section.
  public init(maxBody: Int, limits: HTTPLimits = HTTPLimits()) {
    self.maxBody = maxBody
    self.limits = limits
  }

  /// Whether the last chunk and the trailer section have been read.
  public var isFinished: Bool {
    if case .finished = state { return true }
    return false
  }

  /// Consumes bytes from `input`, appending chunk data to `body`.
  /// - Returns: how many bytes of `input` belong to the chunked body (all of them unless it
  ///   finished: bytes after the end are the next message's), and whether it finished.
  /// - Throws: 400 for malformed framing, 413 when the body would pass `maxBody`, 431 for an
  ///   oversized trailer section.
  public mutating func decode(_ input: UnsafeRawBufferPointer, into body: inout [UInt8])
    throws(HTTPError) -> (
      consumed: Int, finished: Bool
    )
  {
    var index = 0
    let count = input.count
    while index < count {
      let byte = input[index]
      switch state {
      case .size:
        try readSizeByte(byte)
      case .afterSize:
        try countLineByte()
        switch byte {
        case HTTPGrammar.space, HTTPGrammar.tab: break
        case 0x3B: state = .extensions
        case HTTPGrammar.cr: state = .sizeLineFeed
        default: throw HTTPError(.badRequest, "invalid byte after chunk size")
        }
      case .extensions:
        try countLineByte()
        if byte == HTTPGrammar.cr {
          state = .sizeLineFeed
        } else if !HTTPGrammar.isFieldValueByte(byte) {
          throw HTTPError(.badRequest, "control character in chunk extension")
        }
      case .sizeLineFeed:
        guard byte == HTTPGrammar.lf else {
          throw HTTPError(.badRequest, "bare CR in chunk size line")
        }
        try startChunk()
      case .data(let remaining):
        let take = min(remaining, count - index)
        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
        received += take
        state = take == remaining ? .dataCarriageReturn : .data(remaining: remaining - take)
        index += take
        continue
      case .dataCarriageReturn:
        guard byte == HTTPGrammar.cr else {
          throw HTTPError(.badRequest, "chunk data not followed by CRLF")
        }
        state = .dataLineFeed
      case .dataLineFeed:
        guard byte == HTTPGrammar.lf else {
          throw HTTPError(.badRequest, "chunk data not followed by CRLF")
        }
        state = .size
      case .trailer:
        if try readTrailerByte(byte) { return (index + 1, true) }
      case .finished:
        return (index, true)
      }
      index += 1
    }
    return (index, isFinished)
  }

  /// RFC 9112 §7.1: `chunk-size = 1*HEXDIG`; no sign, no `0x`, at most 16 digits.
  private mutating func readSizeByte(_ byte: UInt8) throws(HTTPError) {
    try countLineByte()
    if let digit = HTTPGrammar.hexValue(byte) {
      sizeDigits += 1
      guard sizeDigits <= Self.maxSizeDigits, chunkSize <= (Int.max - digit) / 16 else {
        throw HTTPError(.badRequest, "chunk size too large")
      }
      chunkSize = chunkSize * 16 + digit
      return
    }
    guard sizeDigits > 0 else { throw HTTPError(.badRequest, "invalid chunk size") }
    switch byte {
    case HTTPGrammar.space, HTTPGrammar.tab: state = .afterSize
    case 0x3B: state = .extensions
    case HTTPGrammar.cr: state = .sizeLineFeed
    default: throw HTTPError(.badRequest, "invalid chunk size")
    }
  }

  /// Bounds the size line with its extensions by `maxChunkLine`.
  private mutating func countLineByte() throws(HTTPError) {
    lineLength += 1
    if lineLength > limits.maxChunkLine {
      throw HTTPError(.badRequest, "chunk size line longer than \(limits.maxChunkLine) bytes")
    }
  }

  /// After a size line: the last chunk (size 0) leads to the trailer section; any other is
  /// checked against `maxBody` before a single data byte is read.
  private mutating func startChunk() throws(HTTPError) {
    let size = chunkSize
    chunkSize = 0
    sizeDigits = 0
    lineLength = 0
    if size == 0 {
      state = .trailer
      return
    }
    guard size <= maxBody - received else {
      throw HTTPError(.contentTooLarge, "body larger than \(maxBody) bytes")
    }
    state = .data(remaining: size)
  }

  /// RFC 9112 §7.1.2: trailer fields follow the header field rules; we check and discard them.
  /// - Returns: whether this byte ended the trailer section (and the body).
  private mutating func readTrailerByte(_ byte: UInt8) throws(HTTPError) -> Bool {
    trailerBytes += 1
    if trailerBytes > limits.maxHeaderBytes + 2 {
      throw HTTPError(
        .headerFieldsTooLarge, "trailer section larger than \(limits.maxHeaderBytes) bytes")
    }
    guard byte == HTTPGrammar.lf else {
      trailerLine.append(byte)
      return false
    }
    guard trailerLine.last == HTTPGrammar.cr else {
      throw HTTPError(.badRequest, "line ends in a bare LF")
    }
    trailerLine.removeLast()
    defer { trailerLine.removeAll(keepingCapacity: true) }
    if trailerLine.isEmpty {
      state = .finished
      return true
    }
    trailerFields += 1
    if trailerFields > limits.maxHeaderCount {
      throw HTTPError(.headerFieldsTooLarge, "more than \(limits.maxHeaderCount) trailer fields")
    }
    let problem = trailerLine.withUnsafeBytes { line -> HTTPError? in
      do throws(HTTPError) {
        _ = try HTTPGrammar.field(line)
        return nil
      } catch {
        return error
      }
    }
    if let problem { throw problem }
    return false
  }
}
