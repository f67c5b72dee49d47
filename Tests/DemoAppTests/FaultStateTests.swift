import Testing

@testable import DemoApp

@Suite struct FaultStateTests {
  private func fault(_ kind: FaultKind, _ values: [String: Double]) throws -> Fault {
    try Fault(kind: kind, object: values.mapValues { .number($0) })
  }

  @Test func faultState_noFaultsChangeNothing() {
    let state = FaultState()
    var random = SeededRandom(seed: 1)
    #expect(state.decide(using: &random) == RequestFaults())
    #expect(!state.healthFailing)
  }

  @Test func faultState_errorRateFollowsPercent() throws {
    let state = FaultState()
    state.activate(try fault(.errors, ["status": 503, "percent": 30]))
    var random = SeededRandom(seed: 7)
    let statuses = (0..<2000).map { _ in state.decide(using: &random).errorStatus }
    let injected = statuses.filter { $0 == 503 }.count
    #expect((500...700).contains(injected))
    #expect(statuses.allSatisfy { $0 == nil || $0 == 503 })
  }

  @Test func faultState_latencyIsFixedPlusJitterOnItsShare() throws {
    let state = FaultState()
    state.activate(try fault(.latency, ["fixed_ms": 30000, "jitter_ms": 500, "percent": 50]))
    var random = SeededRandom(seed: 3)
    let delays = (0..<1000).map { _ in state.decide(using: &random).delayMilliseconds }
    let delayed = delays.filter { $0 > 0 }
    #expect((400...600).contains(delayed.count))
    #expect(delayed.allSatisfy { (30000...30500).contains($0) })
    #expect(Set(delayed).count > 1)
  }

  @Test func faultState_crashesAfterTheGivenNumberOfRequests() throws {
    let state = FaultState()
    state.activate(try fault(.crash, ["exit_code": 42, "after_requests": 3]))
    var random = SeededRandom(seed: 5)
    let codes = (0..<5).map { _ in state.decide(using: &random).crashExitCode }
    #expect(codes == [nil, nil, nil, 42, 42])
  }

  @Test func faultState_reactivatingCrashRestartsTheCount() throws {
    let state = FaultState()
    var random = SeededRandom(seed: 5)
    state.activate(try fault(.crash, ["exit_code": 1, "after_requests": 1]))
    #expect(state.decide(using: &random).crashExitCode == nil)
    state.activate(try fault(.crash, ["exit_code": 2, "after_requests": 1]))
    #expect(state.decide(using: &random).crashExitCode == nil)
    #expect(state.decide(using: &random).crashExitCode == 2)
  }

  @Test func faultState_deactivateReportsWhetherActiveAndEndsTheGeneration() throws {
    let state = FaultState()
    #expect(!state.deactivate(.cpuHog))
    let first = state.activate(try fault(.cpuHog, ["percent": 10]))
    #expect(state.isCurrent(.cpuHog, generation: first))
    let second = state.activate(try fault(.cpuHog, ["percent": 20]))
    #expect(!state.isCurrent(.cpuHog, generation: first))
    #expect(state.active.map(\.kind) == [.cpuHog])
    #expect(state.deactivate(.cpuHog))
    #expect(!state.isCurrent(.cpuHog, generation: second))
    #expect(state.active.isEmpty)
  }

  @Test func faultState_failingHealthIsReported() throws {
    let state = FaultState()
    state.activate(try fault(.failingHealth, [:]))
    #expect(state.healthFailing)
    var random = SeededRandom(seed: 9)
    #expect(state.decide(using: &random) == RequestFaults())
  }
}
