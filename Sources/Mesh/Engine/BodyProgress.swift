import Wire

/// How much of a message body is still to come, tracked over the raw bytes the proxy forwards
/// unchanged (RFC 9112 §6.3): a byte count, a chunked body checked chunk by chunk as it
/// passes (so bad chunk sizes are caught, never forwarded), or everything until the peer closes.
struct BodyProgress {
  private enum Mode {
    case finished
    case length(remaining: Int)
    case chunked(ChunkedDecoder)
    case untilClose
  }

  private var mode: Mode

  init(_ framing: BodyFraming) {
    switch framing {
    case .none, .contentLength(0): mode = .finished
    case .contentLength(let count): mode = .length(remaining: count)
    case .chunked: mode = .chunked(ChunkedDecoder(maxBody: Int.max))
    case .untilClose: mode = .untilClose
    }
  }

  var isFinished: Bool {
    if case .finished = mode { return true }
    return false
  }

  /// Whether the body ends only when the sender closes.
  var endsAtClose: Bool {
    if case .untilClose = mode { return true }
    return false
  }

  /// Takes the bytes of `input` that belong to this body.
  /// - Parameter decoded: chunk data is appended here (callers that forward raw bytes clear it).
  /// - Returns: how many leading bytes of `input` are body bytes.
  /// - Throws: 400 for malformed chunked framing (RFC 9112 §7.1).
  mutating func advance(over input: UnsafeRawBufferPointer, decoded: inout [UInt8])
    throws(HTTPError) -> Int
  {
    switch mode {
    case .finished:
      return 0
    case .length(let remaining):
      let count = min(remaining, input.count)
      mode = count == remaining ? .finished : .length(remaining: remaining - count)
      return count
    case .chunked(var decoder):
      let result = try decoder.decode(input, into: &decoded)
      mode = result.finished ? .finished : .chunked(decoder)
      return result.consumed
    case .untilClose:
      return input.count
    }
  }
}
