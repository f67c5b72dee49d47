/// One lexical unit of an X-Ray filter expression and the character offset it starts at.
struct FilterToken: Equatable {
  enum Kind: Equatable {
    /// A keyword or a field name, dots included (`responsetime`, `http.status`, `AND`).
    case word(String)
    case string(String)
    case number(Double)
    /// `=`, `!=`, `<`, `<=`, `>`, `>=`.
    case comparison(String)
    /// `(`, `)`, `{`, `}`, `,`.
    case punctuation(Character)
    case end
  }

  let kind: Kind
  let position: Int
}
