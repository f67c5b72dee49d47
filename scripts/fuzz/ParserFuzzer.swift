// libFuzzer entry point for the HTTP/1.1 request parser and the chunked decoder. Compiled into
// the same module as Sources/Wire/HTTP by scripts/fuzz-parser.sh. Each input is parsed whole and
// again split at a point taken from the data; both runs must agree, and nothing may crash.

/// Small limits, so the fuzzer reaches every limit path with short inputs.
private let fuzzLimits: HTTPLimits = {
  var limits = HTTPLimits()
  limits.maxRequestLine = 256
  limits.maxHeaderBytes = 1024
  limits.maxHeaderCount = 16
  limits.maxChunkLine = 64
  limits.maxBody = 4096
  return limits
}()

/// What a parse produced, in a comparable form.
private struct HeadOutcome: Equatable {
  var description: String
}

private func describe(_ result: HTTPRequestParser.HeadResult, size: Int) -> HeadOutcome {
  switch result {
  case .needMore:
    return HeadOutcome(description: "needMore")
  case .failure(let error):
    return HeadOutcome(description: "failure \(error)")
  case .complete(let head, let framing, let headLength):
    precondition(headLength > 0 && headLength <= size, "head length outside the input")
    let fields = head.headers.fields.map { "\($0.name):\($0.value)" }.joined(separator: "|")
    return HeadOutcome(
      description:
        "\(head.method) \(head.target) \(head.minorVersion) \(fields) \(framing) \(headLength)")
  }
}

/// Parses the head from `input` whole, and from a buffer that first holds `split` bytes.
private func checkHead(_ input: UnsafeRawBufferPointer, split: Int) {
  var whole = HTTPRequestParser(limits: fuzzLimits)
  let oneShot = describe(whole.parseHead(input), size: input.count)

  var pieces = HTTPRequestParser(limits: fuzzLimits)
  var result = pieces.parseHead(UnsafeRawBufferPointer(rebasing: input[..<split]))
  if case .needMore = result { result = pieces.parseHead(input) }
  precondition(
    describe(result, size: input.count) == oneShot, "split parse disagrees with one-shot parse")
}

/// What the decoder produced: body, bytes consumed, finished, or the error.
private struct BodyOutcome: Equatable {
  var body: [UInt8] = []
  var consumed = 0
  var finished = false
  var error: HTTPError?
}

private func decode(_ pieces: [UnsafeRawBufferPointer]) -> BodyOutcome {
  var decoder = ChunkedDecoder(maxBody: fuzzLimits.maxBody, limits: fuzzLimits)
  var outcome = BodyOutcome()
  for piece in pieces where !outcome.finished {
    do {
      let progress = try decoder.decode(piece, into: &outcome.body)
      precondition(progress.consumed <= piece.count, "consumed more than given")
      precondition(
        progress.finished || progress.consumed == piece.count, "unfinished but left bytes")
      outcome.consumed += progress.consumed
      outcome.finished = progress.finished
    } catch {
      outcome.error = error
      outcome.consumed = 0  // after an error the connection is dropped: nothing counts as consumed
      break
    }
  }
  precondition(outcome.body.count <= fuzzLimits.maxBody, "body over the limit")
  return outcome
}

/// Decodes `input` as a chunked body whole and split in two; both must agree.
private func checkChunked(_ input: UnsafeRawBufferPointer, split: Int) {
  let whole = decode([input])
  let split = decode([
    UnsafeRawBufferPointer(rebasing: input[..<split]),
    UnsafeRawBufferPointer(rebasing: input[split...]),
  ])
  precondition(whole == split, "split decode disagrees with one-shot decode")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  // The split point comes from the data itself (its last byte), so the fuzzer explores it too.
  let split = size == 0 ? 0 : Int(data[size - 1]) * 7 % (size + 1)
  checkHead(input, split: split)
  checkChunked(input, split: split)
  return 0
}
