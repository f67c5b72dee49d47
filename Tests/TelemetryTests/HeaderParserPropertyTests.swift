import Testing

@testable import Telemetry

/// Mutated and random header values: every parser must answer (never trap or hang), and whatever
/// it accepts must read back to the same value from its own output.
@Suite struct HeaderParserPropertyTests {
  static let seeds = [
    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=a",
    "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE,a@b=c d",
  ]
  static let alphabet = Array("0123456789abcdefABCDEF-=;,@ \t1xyz_*/?é".unicodeScalars)

  /// `count` variants of the seeds, each with a few characters replaced, inserted or removed.
  static func mutations(count: Int) -> [String] {
    var generator = SplitMix64(seed: 0x5EED)
    return (0..<count).map { index in
      var scalars = Array(seeds[index % seeds.count].unicodeScalars)
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let position = Int.random(in: 0...scalars.count, using: &generator)
        let scalar = alphabet.randomElement(using: &generator)!
        switch Int.random(in: 0..<3, using: &generator) {
        case 0 where position < scalars.count: scalars[position] = scalar
        case 1 where position < scalars.count: scalars.remove(at: position)
        default: scalars.insert(scalar, at: position)
        }
      }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars)
      return String(text)
    }
  }

  @Test func parsers_acceptedValuesRoundTrip() {
    var accepted = 0
    for text in Self.mutations(count: 4000) {
      if let parent = TraceParent(text) {
        accepted += 1
        #expect(TraceParent(parent.headerValue)?.traceID == parent.traceID)
        #expect(TraceParent(parent.headerValue)?.sampled == parent.sampled)
      }
      if let header = XRayTraceHeader(text) {
        accepted += 1
        #expect(XRayTraceHeader(header.headerValue) == header)
      }
      if let state = TraceState([text]) {
        accepted += 1
        #expect(TraceState([state.headerValue]) == state)
      }
    }
    // Some mutations (say, a changed hex digit) stay valid: the round trips above really ran.
    #expect(accepted > 100)
  }
}
