extension LogValue {
  /// Appends the value as compact JSON (RFC 8259); non-finite doubles become `null`.
  public func appendJSON(to bytes: inout [UInt8]) {
    let buffer = ByteBuffer()
    buffer.appendJSON(self)
    bytes.append(contentsOf: buffer.bytes)
  }

  /// Appends `fields` as a JSON object.
  static func appendObject(_ fields: [LogField], to bytes: inout [UInt8]) {
    let buffer = ByteBuffer()
    buffer.appendObject(fields)
    bytes.append(contentsOf: buffer.bytes)
  }
}
