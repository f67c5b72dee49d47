extension HealthCheckDefinition {
  func validate(field: String, ports: Set<String>) throws(TaskDefinitionError) {
    guard path.hasPrefix("/"), path.utf8.count <= 256,
      path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
    else {
      throw TaskDefinitionError(
        field: "\(field).path", "must be an origin-form path of at most 256 bytes")
    }
    guard ports.contains(port) else {
      throw TaskDefinitionError(field: "\(field).port", "must name one of the container's ports")
    }
    let bounds: [(String, Int, ClosedRange<Int>)] = [
      ("intervalMillis", intervalMillis, 50...300_000),
      ("timeoutMillis", timeoutMillis, 20...60_000),
      ("healthyThreshold", healthyThreshold, 1...10),
      ("unhealthyThreshold", unhealthyThreshold, 1...10),
      ("startPeriodMillis", startPeriodMillis, 0...600_000),
    ]
    try TaskDefinition.check(ranges: bounds, field: field)
  }
}
