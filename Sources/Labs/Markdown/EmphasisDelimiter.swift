/// A run of `*` or `_` that may open or close emphasis, and the tags it turned into once paired.
struct EmphasisDelimiter {
  let marker: Character
  var remaining: Int
  let canOpen: Bool
  let canClose: Bool
  private var openTags = ""
  private var closeTags = ""

  init(marker: Character, remaining: Int, canOpen: Bool, canClose: Bool) {
    self.marker = marker
    self.remaining = remaining
    self.canOpen = canOpen
    self.canClose = canClose
  }

  /// Closing tags, the unpaired markers as text, then opening tags.
  var html: String { closeTags + String(repeating: marker, count: remaining) + openTags }

  /// CommonMark §6.2 "process emphasis", simplified: each closer pairs with the nearest opener of its
  /// marker; openers of the other marker in between are dropped for good, so every entry leaves the
  /// stack at most once and the whole pass is linear. Two markers on both sides make `strong`, else `em`.
  static func pair(_ delimiters: inout [EmphasisDelimiter]) {
    var openers: [Int] = []
    var openCount: [Character: Int] = [:]
    for current in delimiters.indices {
      let marker = delimiters[current].marker
      if delimiters[current].canClose {
        while delimiters[current].remaining > 0, openCount[marker, default: 0] > 0 {
          while let top = openers.last, delimiters[top].marker != marker {
            openers.removeLast()
            openCount[delimiters[top].marker, default: 0] -= 1
          }
          let opener = openers[openers.count - 1]
          let used = delimiters[opener].remaining >= 2 && delimiters[current].remaining >= 2 ? 2 : 1
          let tag = used == 2 ? "strong" : "em"
          delimiters[opener].openTags = "<\(tag)>" + delimiters[opener].openTags
          delimiters[current].closeTags += "</\(tag)>"
          delimiters[opener].remaining -= used
          delimiters[current].remaining -= used
          if delimiters[opener].remaining == 0 {
            openers.removeLast()
            openCount[marker, default: 0] -= 1
          }
        }
      }
      if delimiters[current].canOpen, delimiters[current].remaining > 0 {
        openers.append(current)
        openCount[marker, default: 0] += 1
      }
    }
  }
}
