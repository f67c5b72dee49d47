/// Walks the `|`-separated fields of a line from a starting offset.
struct StatsDFieldCursor {
  let line: UnsafeBufferPointer<UInt8>
  var position: Int
  var done = false

  init(_ line: UnsafeBufferPointer<UInt8>, from position: Int) {
    self.line = line
    self.position = position
  }

  mutating func next() -> UnsafeBufferPointer<UInt8>? {
    guard !done else { return nil }
    var end = position
    while end < line.count, line[end] != UInt8(ascii: "|") { end += 1 }
    let field = UnsafeBufferPointer(rebasing: line[position..<end])
    if end >= line.count { done = true }
    position = end + 1
    return field
  }
}
