import Mesh
import Testing
import Wire

@Suite struct PolicyResilienceTests {
  @Test func retryPolicy_classifiesStatusesByEvent() {
    let server = RetryPolicy(retryOn: .serverError)
    let gateway = RetryPolicy(retryOn: .gatewayError)
    let client = RetryPolicy(retryOn: .clientError)
    #expect([500, 501, 502, 503, 504, 599].allSatisfy(server.retries(status:)))
    #expect(![200, 404, 409, 429].contains(where: server.retries(status:)))
    #expect([502, 503, 504].allSatisfy(gateway.retries(status:)))
    #expect(![500, 501, 505].contains(where: gateway.retries(status:)))
    #expect(client.retries(status: 409))
    #expect(![400, 404, 429, 500].contains(where: client.retries(status:)))
  }

  @Test func retryPolicy_classifiesFailuresByEvent() {
    let connect = RetryPolicy(retryOn: .connectFailure)
    #expect(connect.retries(.connectFailure))
    #expect(!connect.retries(.reset))
    #expect(!connect.retries(.perTryTimeout))
    let reset = RetryPolicy(retryOn: .reset)
    #expect(
      reset.retries(.reset) && reset.retries(.perTryTimeout) && reset.retries(.connectFailure))
    for policy in [RetryPolicy(retryOn: .serverError), RetryPolicy(retryOn: .gatewayError)] {
      #expect(
        policy.retries(.connectFailure) && policy.retries(.reset) && policy.retries(.perTryTimeout))
    }
    #expect(!RetryPolicy(retryOn: .clientError).retries(.reset))
    #expect(!RetryPolicy(retryOn: [.serverError, .reset, .connectFailure]).retries(.overflow))
    #expect(!RetryPolicy.none.retries(status: 503))
  }

  @Test func retryPolicy_mapsAppMeshEvents() {
    let config = RetryPolicyConfig(
      maxRetries: 3, perRetryTimeout: .milliseconds(250),
      events: [.clientError, .streamError, .connectionError])
    #expect(
      RetryPolicy(config)
        == RetryPolicy(
          retryOn: [.clientError, .reset, .connectFailure], maxRetries: 3,
          perTryTimeout: 250_000_000))
  }

  @Test func retryPolicy_honoursEnvoyRequestHeaders() {
    let policy = RetryPolicy.none.overridden(by: ["x-envoy-retry-on": "5xx, connect-failure, bogus"]
    )
    #expect(policy.retryOn == [.serverError, .connectFailure])
    #expect(policy.maxRetries == 1)
    let counted = RetryPolicy(retryOn: .gatewayError, maxRetries: 2).overridden(by: [
      "X-Envoy-Max-Retries": "5"
    ])
    #expect(counted.maxRetries == 5 && counted.retryOn == .gatewayError)
    #expect(RetryPolicy.none.overridden(by: ["x-envoy-max-retries": "99"]).maxRetries == 10)
    #expect(RetryPolicy.none.overridden(by: ["x-envoy-max-retries": "many"]) == .none)
  }

  @Test func backoff_staysWithinEnvoysJitteredBounds() {
    let backoff = RetryBackoff.envoyDefault
    #expect(backoff.bound(retry: 1) == 25_000_000)
    #expect(backoff.bound(retry: 2) == 75_000_000)
    #expect(backoff.bound(retry: 3) == 175_000_000)
    #expect(backoff.bound(retry: 4) == 250_000_000)
    #expect(backoff.bound(retry: 60) == 250_000_000)
    var random = PolicyTestRandom(seed: 7)
    for retry in 1...6 {
      var largest: UInt64 = 0
      for _ in 0..<2000 {
        let delay = backoff.delay(retry: retry, random: random.next())
        #expect(delay < backoff.bound(retry: retry))
        largest = max(largest, delay)
      }
      #expect(
        largest > backoff.bound(retry: retry) * 9 / 10, "fully jittered: the whole range is used")
    }
    #expect(backoff.delay(retry: 1, random: 0) == 0)
    #expect(backoff.delay(retry: 1, random: .max) == 25_000_000 - 1)
  }

  @Test(arguments: CircuitBreaker.Resource.allCases) func circuitBreaker_refusesAtEachLimit(
    _ resource: CircuitBreaker.Resource
  ) {
    var breaker = CircuitBreaker(
      limits: CircuitBreakerLimits(
        maxConnections: 2, maxPendingRequests: 3, maxRequests: 4, maxRetries: 1))
    let limit = [
      CircuitBreaker.Resource.connection: 2, .pendingRequest: 3, .request: 4, .retry: 1,
    ][resource]!
    let acquired = (0..<limit + 2).map { _ in breaker.tryAcquire(resource) }
    #expect(acquired == Array(repeating: true, count: limit) + [false, false])
    #expect(breaker.isOpen(resource))
    #expect(breaker.overflows(resource) == 2)
    #expect(breaker.active(resource) == limit)
    breaker.release(resource)
    #expect(!breaker.isOpen(resource))
    let again = breaker.tryAcquire(resource)
    #expect(again)
    for other in CircuitBreaker.Resource.allCases where other != resource {
      #expect(breaker.active(other) == 0 && breaker.overflows(other) == 0)
    }
  }

  @Test func circuitBreaker_defaultsAreEnvoys() {
    #expect(
      CircuitBreakerLimits.envoyDefault
        == CircuitBreakerLimits(
          maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3))
    #expect(
      CircuitBreakerLimits(ConnectionPoolConfig(maxConnections: 8))
        == CircuitBreakerLimits(maxConnections: 8))
  }

  static let second: UInt64 = 1_000_000_000

  @Test func outlier_ejectsAfterConsecutiveErrorsAndReturnsAfterEjectionTime() {
    let settings = OutlierDetectionSettings(
      consecutiveServerErrors: 3, interval: 10 * Self.second, baseEjectionTime: 30 * Self.second,
      maxEjectionPercent: 100)
    var detector = OutlierDetector(settings: settings, hostCount: 2, now: 0)
    let early = [
      detector.record(host: 0, status: 503, now: 1),
      detector.record(host: 0, status: 200, now: 2),  // a success resets the count
      detector.record(host: 0, status: 500, now: 3),
      detector.recordFailure(host: 0, now: 4),
    ]
    #expect(early == [false, false, false, false])
    let third = detector.record(host: 0, status: 502, now: 5 * Self.second)
    #expect(third)
    #expect(detector.isEjected(0) && !detector.isEjected(1))
    #expect(detector.ejectedCount == 1 && detector.ejectionsEnforcedTotal == 1)
    detector.tick(now: 10 * Self.second)
    detector.tick(now: 20 * Self.second)
    detector.tick(now: 30 * Self.second)
    #expect(detector.isEjected(0), "30 s have not passed since 5 s")
    detector.tick(now: 40 * Self.second)
    #expect(!detector.isEjected(0) && detector.ejectedCount == 0)
    // Ejected a second time at once: now 2 × 30 s.
    for time in 41...43 { detector.record(host: 0, status: 503, now: UInt64(time) * Self.second) }
    #expect(detector.isEjected(0))
    detector.tick(now: 50 * Self.second)
    detector.tick(now: 100 * Self.second)
    #expect(detector.isEjected(0), "60 s have not passed since 43 s")
    detector.tick(now: 110 * Self.second)
    #expect(!detector.isEjected(0))
    #expect(detector.nextTick == 120 * Self.second)
  }

  @Test func outlier_ejectionTimeGrowsIsCappedAndDecaysWhileHealthy() {
    let settings = OutlierDetectionSettings(
      consecutiveServerErrors: 1, interval: Self.second, baseEjectionTime: 100 * Self.second,
      maxEjectionPercent: 100)
    var detector = OutlierDetector(settings: settings, hostCount: 1, now: 0)
    var now: UInt64 = 0
    /// Ejects the host now and ticks every interval until it returns; gives the seconds it was out.
    func ejectionLasts() -> UInt64 {
      let ejected = detector.record(host: 0, status: 500, now: now)
      #expect(ejected)
      let start = now
      while detector.isEjected(0), now - start < 1000 * Self.second {
        now += Self.second
        detector.tick(now: now)
      }
      return (now - start) / Self.second
    }
    #expect(ejectionLasts() == 100)
    #expect(ejectionLasts() == 200)
    #expect(ejectionLasts() == 300)
    #expect(ejectionLasts() == 300, "capped at Envoy's max_ejection_time")
    for _ in 0..<3 {
      now += Self.second
      detector.tick(now: now)
    }
    #expect(ejectionLasts() == 200, "three healthy intervals took four ejections down to one")
  }

  @Test func outlier_respectsMaxEjectionPercentButEjectsOne() {
    let settings = OutlierDetectionSettings(consecutiveServerErrors: 1, maxEjectionPercent: 10)
    var detector = OutlierDetector(settings: settings, hostCount: 4, now: 0)
    let first = detector.record(host: 0, status: 503, now: 1)
    let second = detector.record(host: 1, status: 503, now: 2)
    #expect(first, "one host may always be ejected")
    #expect(!second, "2 of 4 is above 10 %")
    #expect(detector.ejectedCount == 1 && detector.ejectionsOverflow == 1)
    var half = OutlierDetector(
      settings: OutlierDetectionSettings(consecutiveServerErrors: 1, maxEjectionPercent: 50),
      hostCount: 4, now: 0)
    let ejections = (0..<3).map { half.record(host: $0, status: 500, now: 1) }
    #expect(ejections == [true, true, false])
    var off = OutlierDetector(
      settings: OutlierDetectionSettings(consecutiveServerErrors: 1, maxEjectionPercent: 0),
      hostCount: 4, now: 0)
    let ejectedWhileOff = off.record(host: 0, status: 500, now: 1)
    #expect(!ejectedWhileOff, "0 % turns ejection off")
  }

  @Test func healthCheck_followsThresholdsAfterAFirstPass() {
    let config = HealthCheckConfig(
      intervalMillis: 1000, timeoutMillis: 200, healthyThreshold: 3, unhealthyThreshold: 2)
    var tracker = HealthCheckTracker(config, hostCount: 2)
    #expect(tracker.interval == 1_000_000_000 && tracker.timeout == 200_000_000)
    #expect(!tracker.isHealthy(0) && tracker.healthyCount == 0, "unchecked hosts are out")
    let firstPass = tracker.record(host: 0, passed: true)
    #expect(firstPass && tracker.isHealthy(0), "the first pass brings a host in at once")
    let failures = [false, true, false, false].map { tracker.record(host: 0, passed: $0) }
    #expect(
      failures == [false, false, false, true],
      "two failures in a row take it out; a pass in between resets")
    #expect(!tracker.isHealthy(0))
    let passes = [true, true, false, true, true, true].map { tracker.record(host: 0, passed: $0) }
    #expect(
      passes == [false, false, false, false, false, true], "three passes in a row bring it back")
    #expect(tracker.isHealthy(0) && tracker.healthyCount == 1)
    let firstFail = tracker.record(host: 1, passed: false)
    #expect(!firstFail && !tracker.isHealthy(1))
    let failAgain = tracker.record(host: 1, passed: false)
    let startupPass = tracker.record(host: 1, passed: true)
    #expect(
      !failAgain && startupPass && tracker.isHealthy(1),
      "a host never healthy yet comes in with one pass, after any failures (Envoy's startup rule)")
    #expect(HealthCheckTracker.passes(status: 200) && !HealthCheckTracker.passes(status: 204))
  }

  @Test func tokenBucket_startsFullAndRefillsPerInterval() {
    let ms: UInt64 = 1_000_000
    var bucket = TokenBucket(maxTokens: 3, tokensPerFill: 2, fillInterval: 100 * ms, now: 0)
    let takes = [0, 1, 2, 99 * ms, 100 * ms, 150 * ms, 199 * ms, 200 * ms].map {
      bucket.tryTake(now: $0)
    }
    #expect(takes == [true, true, true, false, true, true, false, true])
    bucket.refill(now: 10_000 * ms)
    #expect(bucket.tokens == 3, "never above maxTokens")
    var configured = TokenBucket(
      LocalRateLimitConfig(maxTokens: 1, fillInterval: .seconds(1)), now: 5)
    let configuredTakes: [Bool] = [5, 1_000_000_004, 1_000_000_005].map {
      configured.tryTake(now: $0)
    }
    #expect(configuredTakes == [true, false, true])
  }

  @Test func fault_percentagesHoldOverManyRequests() {
    let policy = FaultPolicy(
      FaultConfig(
        abort: .init(httpStatus: 503, percentage: 25),
        delay: .init(fixedDelay: .milliseconds(200), percentage: 10)))
    var random = PolicyTestRandom(seed: 3)
    var aborts = 0
    var delays = 0
    for _ in 0..<10_000 {
      let decision = policy.decide(headers: [:], random: random.next())
      if let status = decision.abortStatus {
        #expect(status == 503)
        aborts += 1
      }
      if let delay = decision.delay {
        #expect(delay == 200_000_000)
        delays += 1
      }
    }
    #expect(abs(aborts - 2500) < 200)
    #expect(abs(delays - 1000) < 150)
    #expect(
      FaultPolicy(FaultConfig(abort: .init(httpStatus: 500, percentage: 0))).decide(
        headers: [:], random: 0
      ).isNone)
    #expect(
      FaultPolicy(FaultConfig(abort: .init(httpStatus: 500))).decide(headers: [:], random: .max)
        .abortStatus == 500)
  }

  @Test func fault_headerOverridesOnlyWhenEnabled() {
    let headers: HTTPHeaders = [
      "x-envoy-fault-abort-request": "418", "x-envoy-fault-delay-request": "1500",
    ]
    let enabled = FaultPolicy(
      FaultConfig(
        abort: .init(httpStatus: nil), delay: .init(fixedDelay: nil), headerOverrides: true))
    #expect(
      enabled.decide(headers: headers, random: 0)
        == FaultDecision(delay: 1_500_000_000, abortStatus: 418))
    #expect(enabled.decide(headers: [:], random: 0).isNone, "nothing configured, nothing asked")
    let disabled = FaultPolicy(
      FaultConfig(abort: .init(httpStatus: 503), delay: .init(fixedDelay: .milliseconds(5))))
    #expect(
      disabled.decide(headers: headers, random: 0)
        == FaultDecision(delay: 5_000_000, abortStatus: 503))
    let noAbortConfigured = FaultPolicy(
      FaultConfig(delay: .init(fixedDelay: .milliseconds(5)), headerOverrides: true))
    #expect(noAbortConfigured.decide(headers: headers, random: 0).abortStatus == nil)
    #expect(
      enabled.decide(headers: ["x-envoy-fault-abort-request": "700"], random: 0).isNone,
      "out-of-range status ignored")
  }

  @Test func fault_percentageHeadersLowerButNeverRaise() {
    let policy = FaultPolicy(
      FaultConfig(abort: .init(httpStatus: 503, percentage: 50), headerOverrides: true))
    let quarter = UInt64(UInt32.max / 4)  // a low-half draw at 25 %
    #expect(policy.decide(headers: [:], random: quarter).abortStatus == 503)
    #expect(
      policy.decide(headers: ["x-envoy-fault-abort-request-percentage": "10"], random: quarter)
        .abortStatus == nil)
    let threeQuarters = UInt64(UInt32.max / 4 * 3)
    #expect(
      policy.decide(
        headers: ["x-envoy-fault-abort-request-percentage": "100"], random: threeQuarters
      ).abortStatus == nil)
    let delay = FaultPolicy(
      FaultConfig(
        delay: .init(fixedDelay: .milliseconds(1), percentage: 100), headerOverrides: true))
    #expect(
      delay.decide(headers: ["x-envoy-fault-delay-request-percentage": "0"], random: 0).delay == nil
    )
    #expect(FaultDecision(delay: 1, abortStatus: 503).flags == [.delayInjected, .faultInjected])
  }
}
