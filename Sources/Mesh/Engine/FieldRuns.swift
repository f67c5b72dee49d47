import Wire

/// Copies the field lines a forwarded head keeps, as they were received: consecutive kept
/// lines lie next to each other in the received head, so each run of them is one copy (the
/// usual response, all of its fields kept, is one copy). The parser checked every line (a
/// token name, a value with no control character but HTAB, RFC 9110 §5.5), so nothing is
/// checked again. Call ``flush(into:)`` before writing any other line, to keep the order.
struct FieldRuns {
  /// The received head the fields were parsed from.
  let head: UnsafeRawBufferPointer
  /// Where the pending run starts and ends (the end of its last value), if one is pending.
  private var run: Range<Int>?

  init(_ head: UnsafeRawBufferPointer) { self.head = head }

  /// Adds a kept field: it extends the pending run when its line follows the run's last line
  /// directly (no trailing whitespace after the value), else it starts a new run.
  mutating func keep(_ field: HTTPFieldRange, into out: inout [UInt8]) {
    if let pending = run, field.name.lowerBound == pending.upperBound + 2 {
      run = pending.lowerBound..<field.value.upperBound
      return
    }
    flush(into: &out)
    run = field.name.lowerBound..<field.value.upperBound
  }

  /// Writes the pending run with its final CRLF.
  mutating func flush(into out: inout [UInt8]) {
    guard let pending = run else { return }
    out.append(pending, of: head)
    out.append(literal: "\r\n")
    run = nil
  }
}
