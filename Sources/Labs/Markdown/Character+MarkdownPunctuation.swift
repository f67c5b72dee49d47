extension Character {
  /// Punctuation in the sense of CommonMark §2.1 (ASCII punctuation plus Unicode P and S categories).
  var isMarkdownPunctuation: Bool { isPunctuation || isSymbol }
}
