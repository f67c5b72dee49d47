import Glibc

/// The incremental line reader under both head parsers: finds CRLF-terminated lines in a
/// growing buffer, hands back the start line, checks header fields and records where they lie
/// (no String is built), and enforces the size limits. It keeps offsets between calls, so no
/// byte is scanned again however the head is split across reads, and keeps its field list's
/// storage from one head to the next.
struct HTTPHeadReader: Sendable {
  /// What the reader found in this call.
  enum Progress {
    case needMore
    /// The start line (CRLF excluded), once; call `advance` again to read the fields.
    case startLine(Range<Int>)
    /// The end of the head (its fields are in ``fields``), with its length, final CRLF included.
    case complete(headLength: Int)
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
  /// The fields of the head being read, in order; reused by the next head.
  private(set) var fields: [HTTPFieldRange] = []

  /// - Parameter startLineTooLong: the status for a start line over `limits.maxRequestLine`
  ///   (414 for requests, RFC 9112 §3).
  init(limits: HTTPLimits, startLineTooLong: HTTPStatus) {
    self.limits = limits
    self.startLineTooLong = startLineTooLong
  }

  /// Prepares for the next head. The field list is emptied when that head's start line is
  /// read, not here: a caller may still hold the last head's list, and emptying it now would
  /// copy it instead of reusing its storage.
  mutating func reset() {
    lineStart = 0
    cursor = 0
    leadingEmptyLines = 0
    sawStartLine = false
    headerStart = 0
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
        fields.removeAll(keepingCapacity: true)
        fields.reserveCapacity(Self.expectedFieldCount)
        return .startLine(line)
      }
      if line.isEmpty {
        return .complete(headLength: cursor)
      }
      if cursor - headerStart > limits.maxHeaderBytes {
        return .failure(headerSectionTooLarge)
      }
      if fields.count >= limits.maxHeaderCount {
        return .failure(
          HTTPError(.headerFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields"))
      }
      do {
        let field = try HTTPGrammar.field(UnsafeRawBufferPointer(rebasing: buffer[line]))
        let offset = line.lowerBound
        fields.append(
          HTTPFieldRange(
            name: (field.name.lowerBound + offset)..<(field.name.upperBound + offset),
            value: (field.value.lowerBound + offset)..<(field.value.upperBound + offset)))
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
  /// The line end and any CR before it are found with `memchr`, which scans a word at a time.
  private mutating func nextLine(_ buffer: UnsafeRawBufferPointer) -> Result<Range<Int>?, HTTPError>
  {
    // The start line may be `maxRequestLine` bytes; the field lines, CRLFs included,
    // `maxHeaderBytes`; then their CRLF.
    let cap =
      sawStartLine ? headerStart + limits.maxHeaderBytes + 2 : lineStart + limits.maxRequestLine + 2
    let count = buffer.count
    let end = min(count, cap)
    guard cursor < end, let base = buffer.baseAddress else { return lineCapCheck(at: cursor, cap) }
    // The line ends at the first LF; any CR before it but the one just before it is bare.
    if let found = memchr(base + cursor, Int32(HTTPGrammar.lf), end - cursor) {
      let index = UnsafeRawPointer(found) - base
      if let cr = memchr(base + cursor, Int32(HTTPGrammar.cr), index - cursor),
        UnsafeRawPointer(cr) - base != index - 1
      {
        return .failure(HTTPError(.badRequest, "bare CR in the head"))
      }
      guard index > lineStart, buffer[index - 1] == HTTPGrammar.cr else {
        return .failure(HTTPError(.badRequest, "line ends in a bare LF"))
      }
      let line = lineStart..<(index - 1)
      cursor = index + 1
      lineStart = cursor
      return .success(line)
    }
    // No line end yet: a CR must be the last byte received (its LF may follow) or be
    // followed by the LF just past the size limit.
    if let found = memchr(base + cursor, Int32(HTTPGrammar.cr), end - cursor) {
      let index = UnsafeRawPointer(found) - base
      if index + 1 == count {
        cursor = index
        return .success(nil)
      }
      if buffer[index + 1] != HTTPGrammar.lf {
        return .failure(HTTPError(.badRequest, "bare CR in the head"))
      }
    }
    cursor = end
    return lineCapCheck(at: end, cap)
  }

  /// Waits for more bytes, unless scanning reached the size limit without a line end.
  private func lineCapCheck(at index: Int, _ cap: Int) -> Result<Range<Int>?, HTTPError> {
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
