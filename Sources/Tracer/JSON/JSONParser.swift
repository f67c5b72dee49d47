/// A bounded JSON parser over bytes (RFC 8259): it refuses documents longer than
/// `maximumBytes` and nesting deeper than `maximumDepth`, so hostile input costs at most one
/// pass over a bounded buffer and never exhausts the stack.
public struct JSONParser: Sendable {
  public var maximumBytes: Int
  public var maximumDepth: Int

  /// The X-Ray limits: a segment document is at most 64 kB; 32 levels of nesting is far more than
  /// any SDK writes.
  public init(maximumBytes: Int = 64 * 1024, maximumDepth: Int = 32) {
    self.maximumBytes = maximumBytes
    self.maximumDepth = maximumDepth
  }

  /// Parses exactly one value; whitespace may surround it (RFC 8259 §2).
  public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
    try read(bytes) { reader throws(JSONParseError) in try reader.value(depth: 1) }
  }

  /// Runs `body` with a reader at the document's one value (the size checked, whitespace
  /// around the value skipped), then refuses anything after what `body` read.
  func read<Result>(
    _ bytes: some Collection<UInt8>,
    _ body: (inout JSONReader) throws(JSONParseError) -> Result
  ) throws(JSONParseError) -> Result {
    try withBuffer(bytes) { buffer throws(JSONParseError) in try read(buffer: buffer, body) }
  }

  /// Runs `body` over `bytes` as one buffer: their own storage when it is contiguous, else a
  /// copy cut one byte past `maximumBytes` (enough for the size check to refuse it).
  func withBuffer<Result, Failure: Error>(
    _ bytes: some Collection<UInt8>,
    _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
      Swift.Result { () throws(Failure) -> Result in try body(buffer) }
    }
    if let contiguous { return try contiguous.get() }
    return try Array(bytes.prefix(maximumBytes + 1)).withUnsafeBufferPointer(body)
  }

  /// ``read(_:_:)`` over a buffer the caller holds: values `body` keeps that view the document
  /// (``JSONString/plain(_:)``) stay valid as long as `buffer` does.
  func read<Result>(
    buffer: UnsafeBufferPointer<UInt8>,
    _ body: (inout JSONReader) throws(JSONParseError) -> Result
  ) throws(JSONParseError) -> Result {
    guard buffer.count <= maximumBytes else { throw JSONParseError(.tooLarge, at: maximumBytes) }
    var reader = JSONReader(bytes: buffer, maximumDepth: maximumDepth)
    reader.skipWhitespace()
    let result = try body(&reader)
    reader.skipWhitespace()
    guard reader.atEnd else { throw JSONParseError(.trailingData, at: reader.offset) }
    return result
  }
}
