extension LabCatalog {
  /// `needs` must name labs in this folder and may not form a cycle (a lab would never open).
  static func needsProblems(_ labs: [Lab], root: String) -> [LabProblem] {
    let byID = Dictionary(labs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var problems: [LabProblem] = []
    for lab in labs {
      let file = "\(root)/\(lab.id)/lab.md"
      for need in lab.needs where byID[need] == nil {
        problems.append(
          LabProblem(
            file: file, line: lab.needsLine,
            message: "'needs' names '\(need)', which is not a lab here"))
      }
      if let cycle = cycle(from: lab.id, in: byID) {
        problems.append(
          LabProblem(
            file: file, line: lab.needsLine,
            message: "'needs' forms a cycle: \(cycle.joined(separator: " → "))"))
      }
    }
    return problems
  }

  /// The shortest path of `needs` from `start` back to itself, found breadth first, if there is one.
  private static func cycle(from start: String, in byID: [String: Lab]) -> [String]? {
    var cameFrom: [String: String] = [:]
    var queue = [start]
    var head = 0
    while head < queue.count {
      let current = queue[head]
      head += 1
      for need in byID[current]?.needs ?? [] {
        if need == start {
          var chain: [String] = []
          var step = current
          while step != start {
            chain.append(step)
            step = cameFrom[step]!
          }
          return [start] + Array(chain.reversed()) + [start]
        }
        if cameFrom[need] == nil, byID[need] != nil {
          cameFrom[need] = current
          queue.append(need)
        }
      }
    }
    return nil
  }
}
