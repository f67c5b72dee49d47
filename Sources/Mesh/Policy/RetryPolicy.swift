import Wire

/// Which tries end in a retry, how many retries there may be, and how long each try may take
/// (Envoy's router retry policy; FORMATS.md "Retry conditions").
public struct RetryPolicy: Sendable, Equatable {
  public var retryOn: RetryConditions
  public var maxRetries: Int
  /// Nanoseconds each try may take; `nil` means only the route timeout bounds a try.
  public var perTryTimeout: UInt64?

  /// No retries: Envoy's behaviour for a route without a retry policy.
  public static let none = RetryPolicy(retryOn: [], maxRetries: 0, perTryTimeout: nil)

  public init(retryOn: RetryConditions, maxRetries: Int = 1, perTryTimeout: UInt64? = nil) {
    self.retryOn = retryOn
    self.maxRetries = maxRetries
    self.perTryTimeout = perTryTimeout
  }

  /// App Mesh's `retryPolicy`, each event mapped to its Envoy condition.
  public init(_ config: RetryPolicyConfig) {
    var conditions: RetryConditions = []
    for event in config.events { conditions.insert(RetryConditions(event)) }
    let timeout = config.perRetryTimeout.nanoseconds
    self.init(
      retryOn: conditions, maxRetries: config.maxRetries, perTryTimeout: timeout > 0 ? timeout : nil
    )
  }

  /// Whether a response with `status` is retried: `5xx` any 5xx; `gateway-error` 502/503/504;
  /// `retriable-4xx` 409.
  public func retries(status: Int) -> Bool {
    if retryOn.contains(.serverError), status >= 500, status <= 599 { return true }
    if retryOn.contains(.gatewayError), status >= 502, status <= 504 { return true }
    if retryOn.contains(.clientError), status == 409 { return true }
    return false
  }

  /// Whether a try that got no response is retried: `5xx`, `gateway-error` and `reset` retry
  /// every failure but an overflow; `connect-failure` retries only connection failures.
  public func retries(_ failure: UpstreamFailure) -> Bool {
    switch failure {
    case .overflow:
      return false
    case .connectFailure:
      return !retryOn.intersection([.serverError, .gatewayError, .reset, .connectFailure]).isEmpty
    case .reset, .perTryTimeout:
      return !retryOn.intersection([.serverError, .gatewayError, .reset]).isEmpty
    }
  }

  /// The policy with a request's `x-envoy-retry-on` (conditions added to the route's) and
  /// `x-envoy-max-retries` (replacing the count, capped at 10) applied, as Envoy's router does.
  public func overridden(by headers: HTTPHeaders) -> RetryPolicy {
    var policy = self
    if let list = headers["x-envoy-retry-on"] {
      policy.retryOn.formUnion(RetryConditions(envoyList: list))
      if policy.maxRetries == 0, !policy.retryOn.isEmpty { policy.maxRetries = 1 }
    }
    if let count = headers["x-envoy-max-retries"].flatMap({ Int($0.trimmingASCIISpaces()) }),
      count >= 0
    {
      policy.maxRetries = min(count, 10)
    }
    return policy
  }
}
