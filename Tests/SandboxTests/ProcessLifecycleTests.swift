import Testing

@testable import Sandbox

@Suite struct ProcessLifecycleTests {
  let check = HealthCheckDefinition(
    path: "/", port: "http", intervalMillis: 100, timeoutMillis: 50, healthyThreshold: 2,
    unhealthyThreshold: 2,
    startPeriodMillis: 1000)

  @Test func exited_backoffDoublesUpToTheCap() {
    var lifecycle = ProcessLifecycle(
      policy: RestartPolicy(
        mode: .onFailure, backoffBaseMillis: 100, backoffCapMillis: 350, crashLoopFailures: 100,
        crashLoopWindowSeconds: 60),
      check: nil)
    var delays: [UInt64] = []
    var now: UInt64 = 0
    for _ in 0..<4 {
      lifecycle.spawned(at: now)
      now += 10
      guard case .restart(let at) = lifecycle.exited(failed: true, at: now) else { break }
      delays.append(at - now)
      now = at
    }
    #expect(delays == [100, 200, 350, 350])
    #expect(lifecycle.restarts == 4)
    #expect(lifecycle.state == .backingOff)
  }

  @Test func exited_crashLoopAfterKFailuresInTheWindow() {
    var lifecycle = ProcessLifecycle(
      policy: RestartPolicy(
        mode: .always, backoffBaseMillis: 10, crashLoopFailures: 3, crashLoopWindowSeconds: 10),
      check: nil)
    var decisions: [ProcessLifecycle.ExitDecision] = []
    for step in 0..<3 {
      lifecycle.spawned(at: UInt64(step) * 100)
      decisions.append(lifecycle.exited(failed: true, at: UInt64(step) * 100 + 50))
    }
    #expect(decisions.last == .stay)
    #expect(lifecycle.state == .crashLoop)
  }

  @Test func exited_slowFailuresDoNotCrashLoop() {
    var lifecycle = ProcessLifecycle(
      policy: RestartPolicy(
        mode: .always, backoffBaseMillis: 10, crashLoopFailures: 2, crashLoopWindowSeconds: 1),
      check: nil)
    for step in 0..<5 {
      lifecycle.spawned(at: UInt64(step) * 5000)
      #expect(
        lifecycle.exited(failed: true, at: UInt64(step) * 5000 + 2000)
          == .restart(atMillis: UInt64(step) * 5000 + 2010))
    }
  }

  @Test func exited_onFailureLeavesCleanExitStopped() {
    var lifecycle = ProcessLifecycle(policy: RestartPolicy(mode: .onFailure), check: nil)
    lifecycle.spawned(at: 0)
    #expect(lifecycle.exited(failed: false, at: 10) == .stay)
    #expect(lifecycle.state == .stopped)
  }

  @Test func exited_cleanExitOfAReplacedUnhealthyProcessIsRestartedOnFailure() {
    var lifecycle = ProcessLifecycle(policy: RestartPolicy(mode: .onFailure), check: check)
    lifecycle.spawned(at: 0)
    #expect(lifecycle.recordHealth(passed: true, at: 100) == .none)
    #expect(lifecycle.recordHealth(passed: false, at: 200) == .none)
    #expect(lifecycle.recordHealth(passed: false, at: 300) == .replace)
    // The app exits 0 on the agent's SIGTERM; it was still unhealthy, so it comes back.
    guard case .restart = lifecycle.exited(failed: false, at: 400) else {
      Issue.record("not restarted: \(lifecycle.state)")
      return
    }
    lifecycle.spawned(at: 500)
    #expect(lifecycle.exited(failed: false, at: 600) == .stay)
  }

  @Test func exited_afterStopRequestIsFinal() {
    var lifecycle = ProcessLifecycle(policy: RestartPolicy(mode: .always), check: nil)
    lifecycle.spawned(at: 0)
    lifecycle.stopRequested()
    #expect(lifecycle.exited(failed: true, at: 10) == .stay)
    #expect(lifecycle.state == .stopped)
    #expect(lifecycle.restarts == 0)
  }

  @Test func recordHealth_thresholdsAndStartPeriod() {
    var lifecycle = ProcessLifecycle(policy: RestartPolicy(mode: .onFailure), check: check)
    lifecycle.spawned(at: 0)
    #expect(lifecycle.state == .starting)
    // Failures inside the start period do not count.
    for time in [100, 200, 300] as [UInt64] {
      #expect(lifecycle.recordHealth(passed: false, at: time) == .none)
    }
    #expect(lifecycle.health == .unknown)
    _ = lifecycle.recordHealth(passed: true, at: 400)
    #expect(lifecycle.state == .starting)
    _ = lifecycle.recordHealth(passed: true, at: 500)
    #expect(lifecycle.state == .healthy)
    // After a pass, failures count even inside the start period.
    #expect(lifecycle.recordHealth(passed: false, at: 600) == .none)
    #expect(lifecycle.recordHealth(passed: false, at: 700) == .replace)
    #expect(lifecycle.state == .unhealthy)
    #expect(lifecycle.recordHealth(passed: false, at: 800) == .none)
  }

  @Test func recordHealth_frozenTurnsUnhealthyWithoutReplacement() {
    var lifecycle = ProcessLifecycle(policy: RestartPolicy(mode: .always), check: check)
    lifecycle.spawned(at: 0)
    _ = lifecycle.recordHealth(passed: true, at: 10)
    _ = lifecycle.recordHealth(passed: true, at: 20)
    lifecycle.freeze()
    #expect(lifecycle.state == .frozen)
    #expect(lifecycle.recordHealth(passed: false, at: 30) == .none)
    #expect(lifecycle.recordHealth(passed: false, at: 40) == .none)
    #expect(lifecycle.health == .unhealthy)
    lifecycle.thaw()
    _ = lifecycle.recordHealth(passed: true, at: 50)
    _ = lifecycle.recordHealth(passed: true, at: 60)
    #expect(lifecycle.state == .healthy)
  }
}
