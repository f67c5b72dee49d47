import Telemetry
import Testing

@testable import Tracer

@Suite struct TraceAssemblerTests {
  typealias S = SegmentSamples

  @Test func assemble_nestsStandaloneSubsegmentsWhateverTheirOrder() throws {
    let records = [
      try S.record(S.remoteSubsegment(id: "00000000000000c2", parent: "00000000000000c1")),
      try S.record(
        S.segment(
          extra: """
            , "subsegments": [{"name": "local", "id": "00000000000000c0", "start_time": \(S.now), "end_time": \(S.now + 0.1)}]
            """)),
      try S.record(
        """
        {"name": "handler", "id": "00000000000000c1", "trace_id": "\(S.traceID)", \
        "parent_id": "00000000000000c0", "type": "subsegment", "start_time": \(S.now + 0.01), "end_time": \(S.now + 0.09)}
        """),
      try S.record(S.remoteSubsegment(id: "00000000000000d1", parent: "00000000000000ff")),
    ]
    let assembled = TraceAssembler.assemble(records)
    #expect(assembled.map(\.id) == ["0000000000000001", "00000000000000d1"])
    let segment = assembled[0].document
    let local = try #require(segment["subsegments"]?.array?.first)
    let handler = try #require(local["subsegments"]?.array?.first)
    #expect(handler["id"]?.string == "00000000000000c1")
    #expect(handler["type"] == nil)
    #expect(handler["parent_id"] == nil)
    #expect(handler["subsegments"]?.array?.first?["name"]?.string == "unicorn")
  }
}
