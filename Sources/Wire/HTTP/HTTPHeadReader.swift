/// The incremental line reader under both head parsers: finds CRLF-terminated lines in a
/// growing buffer, hands back the start line, parses header fields and enforces the size
/// limits. It keeps offsets between calls, so each byte is examined once however the head is
/// split across reads.
struct HTTPHeadReader: Sendable {
  /// What the reader found in this call.
  enum Progress {
    case needMore
    /// The start line (CRLF excluded), once; call `advance` again to read the fields.
    case startLine(Range<Int>)
    /// The end of the head: all fields and the length of the head with its final CRLF.
    case complete(HTTPHeaders, headLength: Int)
    case failure(HTTPError)
  }

  /// RFC 9112 §2.2 lets a server skip empty lines before the request line; we skip at most this many.
  static let maxLeadingEmptyLines = 8
  /// Room made for this many fields at once, so a typical head's field list is allocated once
  /// instead of growing 1, 2, 4, 8….
  static let expectedFieldCount = 16

  private let limits: HTTPLimits
  private let startLineTooLong: HTTPStatus
  /// Where the current, unfinished line begins.
  private var lineStart = 0
  /// The next byte to examine.
  private var cursor = 0
  private var leadingEmptyLines = 0
  private var sawStartLine = false
  /// Where the header section begins, once the start line is read.
  private var headerStart = 0
  private var headers = HTTPHeaders()

  /// - Parameter startLineTooLong: the status for a start line over `limits.maxRequestLine`
  ///   (414 for requests, RFC 9112 §3).
  init(limits: HTTPLimits, startLineTooLong: HTTPStatus) {
    self.limits = limits
    self.startLineTooLong = startLineTooLong
  }

  mutating func advance(_ buffer: UnsafeRawBufferPointer) -> Progress {
    while true {
      let line: Range<Int>
      switch nextLine(buffer) {
      case .success(let found?): line = found
      case .success(nil): return .needMore
      case .failure(let error): return .failure(error)
      }
      if !sawStartLine {
        if line.isEmpty {
          leadingEmptyLines += 1
          if leadingEmptyLines > Self.maxLeadingEmptyLines {
            return .failure(HTTPError(.badRequest, "too many empty lines before the request line"))
          }
          continue
        }
        sawStartLine = true
        headerStart = cursor
        headers.reserveCapacity(Self.expectedFieldCount)
        return .startLine(line)
      }
      if line.isEmpty {
        return .complete(headers, headLength: cursor)
      }
      if cursor - headerStart > limits.maxHeaderBytes {
        return .failure(headerSectionTooLarge)
      }
      if headers.count >= limits.maxHeaderCount {
        return .failure(
          HTTPError(.headerFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields"))
      }
      do {
        let field = try HTTPGrammar.field(UnsafeRawBufferPointer(rebasing: buffer[line]))
        headers.add(field.name, field.value)
      } catch {
        return .failure(error)
      }
    }
  }

  /// Finds the next complete line from `cursor`, moving past its CRLF.
  /// RFC 9112 §2.2: lines end in CRLF; we reject a bare LF and a bare CR (a CR followed by
  /// anything but LF) with 400 as soon as they are seen. Scanning stops at the byte that
  /// breaks a size limit, even before a line end arrives, so a peer cannot make us wait for
  /// one; errors are thus decided by the first offending byte, however the input is split.
  private mutating func nextLine(_ buffer: UnsafeRawBufferPointer) -> Result<Range<Int>?, HTTPError>
  {
    // The start line may be `maxRequestLine` bytes; the field lines, CRLFs included,
    // `maxHeaderBytes`; then their CRLF.
    let cap =
      sawStartLine ? headerStart + limits.maxHeaderBytes + 2 : lineStart + limits.maxRequestLine + 2
    let count = buffer.count
    let end = min(count, cap)
    var index = cursor
    while index < end {
      let byte = buffer[index]
      if byte == HTTPGrammar.lf {
        guard index > lineStart, buffer[index - 1] == HTTPGrammar.cr else {
          return .failure(HTTPError(.badRequest, "line ends in a bare LF"))
        }
        let line = lineStart..<(index - 1)
        cursor = index + 1
        lineStart = cursor
        return .success(line)
      }
      if byte == HTTPGrammar.cr {
        guard index + 1 < count else { break }
        if buffer[index + 1] != HTTPGrammar.lf {
          return .failure(HTTPError(.badRequest, "bare CR in the head"))
        }
      }
      index += 1
    }
    cursor = index
    guard index < cap else {
      return .failure(
        sawStartLine
          ? headerSectionTooLarge
          : HTTPError(startLineTooLong, "start line longer than \(limits.maxRequestLine) bytes"))
    }
    return .success(nil)
  }

  private var headerSectionTooLarge: HTTPError {
    HTTPError(.headerFieldsTooLarge, "header section larger than \(limits.maxHeaderBytes) bytes")
  }
}
