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
    guard bytes.count <= maximumBytes else { throw JSONParseError(.tooLarge, at: maximumBytes) }
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
      Result { () throws(JSONParseError) -> JSONValue in try parseBuffer(buffer) }
    }
    if let contiguous { return try contiguous.get() }
    let copy = Array(bytes)
    return try copy.withUnsafeBufferPointer { buffer throws(JSONParseError) in
      try parseBuffer(buffer)
    }
  }

  private func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError)
    -> JSONValue
  {
    var reader = JSONReader(bytes: buffer, maximumDepth: maximumDepth)
    reader.skipWhitespace()
    let value = try reader.value(depth: 1)
    reader.skipWhitespace()
    guard reader.atEnd else { throw JSONParseError(.trailingData, at: reader.offset) }
    return value
  }
}
