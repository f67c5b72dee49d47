import LogRouter

/// A log line cut into plain and matched pieces: every occurrence of a term the filter pattern
/// looks for (its plain and `?` terms, case-sensitive as the pattern matches; overlapping hits
/// merge). Pieces are raw text: ``html`` escapes each one first, then marks it.
struct MarkedText: Sendable, Equatable {
  struct Piece: Sendable, Equatable {
    let text: String
    let marked: Bool
  }

  let pieces: [Piece]

  /// `message` with the terms of `pattern` marked; JSON patterns and exclusions mark nothing.
  init(_ message: String, pattern: FilterPattern) {
    guard case .terms(let required, let optional, _) = pattern else {
      pieces = message.isEmpty ? [] : [Piece(text: message, marked: false)]
      return
    }
    let terms = (required + optional).filter { !$0.isEmpty }
    var hits: [Range<String.Index>] = []
    for term in terms { hits += message.ranges(of: term) }
    hits.sort { $0.lowerBound < $1.lowerBound }
    var merged: [Range<String.Index>] = []
    for hit in hits {
      if let last = merged.last, hit.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, hit.upperBound)
      } else {
        merged.append(hit)
      }
    }
    var pieces: [Piece] = []
    var cursor = message.startIndex
    for hit in merged {
      if cursor < hit.lowerBound {
        pieces.append(Piece(text: String(message[cursor..<hit.lowerBound]), marked: false))
      }
      pieces.append(Piece(text: String(message[hit]), marked: true))
      cursor = hit.upperBound
    }
    if cursor < message.endIndex {
      pieces.append(Piece(text: String(message[cursor...]), marked: false))
    }
    self.pieces = pieces
  }

  /// Each piece escaped (HTML Living Standard §13.1.2), matched ones inside `<mark>`.
  var html: String {
    pieces.map { piece in
      piece.marked ? "<mark>\(HTML.escape(piece.text))</mark>" : HTML.escape(piece.text)
    }.joined()
  }

  /// The pieces for the live tail's JSON: `[{"text", "mark"}]`, inserted by the script as text.
  var json: [[String: Any]] {
    pieces.map { ["text": $0.text, "mark": $0.marked] }
  }
}
