/// Cuts a byte stream into lines at `\n` (dropping a `\r` before it), bounded: a line longer
/// than ``maxLineBytes`` is emitted in pieces marked `continues`, so nothing is lost and no
/// buffer grows without limit.
struct LineSplitter {
  static let maxLineBytes = 16 * 1024
  private var pending: [UInt8] = []

  /// Feeds bytes; `emit(text, continues)` is called for every complete line or full piece.
  mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (String, Bool) -> Void) {
    for byte in bytes {
      if byte == 0x0A {
        if pending.last == 0x0D { pending.removeLast() }
        emit(String(decoding: pending, as: UTF8.self), false)
        pending.removeAll(keepingCapacity: true)
      } else {
        pending.append(byte)
        if pending.count == Self.maxLineBytes {
          emit(String(decoding: pending, as: UTF8.self), true)
          pending.removeAll(keepingCapacity: true)
        }
      }
    }
  }

  /// Emits an unterminated last line at end of stream.
  mutating func finish(emit: (String, Bool) -> Void) {
    guard !pending.isEmpty else { return }
    emit(String(decoding: pending, as: UTF8.self), false)
    pending.removeAll()
  }
}
