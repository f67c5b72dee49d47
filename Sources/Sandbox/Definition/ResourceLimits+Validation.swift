extension ResourceLimits {
  func validate(field: String) throws(TaskDefinitionError) {
    let bounds: [(String, Int, ClosedRange<Int>)] = [
      ("addressSpaceMB", addressSpaceMB, 16...65_536), ("openFiles", openFiles, 16...65_536),
      ("processes", processes, 1...4096), ("cpuSeconds", cpuSeconds, 1...86_400),
    ]
    try TaskDefinition.check(ranges: bounds, field: field)
  }
}
