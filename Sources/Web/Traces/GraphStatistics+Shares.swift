import Tracer

extension GraphStatistics {
  /// Faults (5xx) among all responses, 0 when there were none.
  var faultShare: Double { share(faultCount) }

  /// Errors (4xx, throttles included) among all responses, 0 when there were none.
  var errorShare: Double { share(errorOtherCount + throttleCount) }

  private func share(_ count: Int) -> Double {
    totalCount > 0 ? Double(count) / Double(totalCount) : 0
  }
}
