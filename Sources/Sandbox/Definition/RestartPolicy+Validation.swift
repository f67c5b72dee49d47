extension RestartPolicy {
  func validate(field: String) throws(TaskDefinitionError) {
    let bounds: [(String, Int, ClosedRange<Int>)] = [
      ("backoffBaseMillis", backoffBaseMillis, 10...60_000),
      ("backoffCapMillis", backoffCapMillis, max(10, backoffBaseMillis)...600_000),
      ("crashLoopFailures", crashLoopFailures, 1...100),
      ("crashLoopWindowSeconds", crashLoopWindowSeconds, 1...3600),
    ]
    try TaskDefinition.check(ranges: bounds, field: field)
  }
}
