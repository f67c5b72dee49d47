/// A fixed-capacity ring of log lines that counts what it evicts.
struct LineRing: Sendable {
  let capacity: Int
  private var lines: [LogLine] = []
  private var head = 0
  private(set) var evicted = 0

  init(capacity: Int) { self.capacity = capacity }

  mutating func append(_ line: LogLine) {
    if lines.count < capacity {
      lines.append(line)
    } else {
      lines[head] = line
      head = (head + 1) % capacity
      evicted += 1
    }
  }

  /// The newest `limit` lines, oldest first.
  func newest(_ limit: Int) -> [LogLine] {
    let ordered = Array(lines[head...] + lines[..<head])
    return Array(ordered.suffix(max(0, limit)))
  }
}
