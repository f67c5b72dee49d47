/// What the toxics that apply to one try do to it, drawn once per try (``Toxic``): how long
/// the request and the response are held, and whether and how the connection is cut.
/// Latencies of one stream add up; of the cutting toxics (`reset_peer`, `timeout`) the first
/// that acts wins, and the hold of its stream runs on into the cut.
struct ToxicPlan {
  /// How the connection ends when a cutting toxic's time is up.
  enum Cut: Equatable {
    /// `reset_peer`: a TCP RST.
    case reset
    /// `timeout`: the connection is closed.
    case close
  }

  /// How long a stream is held.
  enum Hold: Equatable {
    case none
    case nanoseconds(UInt64)
    case forever
  }

  /// Where the try is.
  enum Stage: Equatable {
    /// The request is held before it goes upstream.
    case requestHeld
    /// The request went upstream; the response's first bytes start its hold.
    case responsePending
    /// The response is held in the socket.
    case responseHeld
    /// The toxics are done with this try.
    case passed
  }

  var requestDelay: UInt64 = 0
  var responseDelay: UInt64 = 0
  /// The cutting toxic that acts: its stream, its cut, and its delay (`nil`: never, a
  /// `timeout` of 0 that holds the connection open).
  var cut: (stream: Toxic.Stream, cut: Cut, after: UInt64?)?
  var stage = Stage.responsePending

  /// Draws each toxic against its toxicity; `nil` when none acts.
  init?(_ toxics: some Sequence<Toxic>, random: inout RandomSource) {
    var acted = false
    for toxic in toxics where Self.draw(toxic.toxicity, &random) {
      switch toxic.kind {
      case .latency(let latency, let jitter):
        let spread = jitter == 0 ? 0 : Int(random.next() % UInt64(2 * jitter + 1)) - jitter
        let delay = UInt64(max(0, latency + spread)) * 1_000_000
        if toxic.stream == .upstream { requestDelay += delay } else { responseDelay += delay }
      case .resetPeer(let timeout):
        guard cut == nil else { continue }
        cut = (toxic.stream, .reset, UInt64(timeout) * 1_000_000)
      case .timeout(let timeout):
        guard cut == nil else { continue }
        cut = (toxic.stream, .close, timeout == 0 ? nil : UInt64(timeout) * 1_000_000)
      }
      acted = true
    }
    guard acted else { return nil }
  }

  /// How long the request is held before it goes upstream.
  var requestHold: Hold { hold(.upstream, delay: requestDelay) }

  /// How long the response is held from its first bytes.
  var responseHold: Hold { hold(.downstream, delay: responseDelay) }

  /// The cut that ends a hold of `stream`, if a cutting toxic acts on that stream.
  func cut(ending stream: Toxic.Stream) -> Cut? {
    guard let cut, cut.stream == stream else { return nil }
    return cut.cut
  }

  private func hold(_ stream: Toxic.Stream, delay: UInt64) -> Hold {
    if let cut, cut.stream == stream {
      return cut.after.map { .nanoseconds(delay + $0) } ?? .forever
    }
    return delay > 0 ? .nanoseconds(delay) : .none
  }

  /// True with probability `toxicity` (0 never, 1 always).
  private static func draw(_ toxicity: Double, _ random: inout RandomSource) -> Bool {
    toxicity >= 1 || Double(random.next() >> 11) / Double(1 << 53) < toxicity
  }
}
