/// A link or image destination found while rendering, as written in the source, with its line.
public struct MarkdownLink: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// `http:` or `https:`.
    case external
    case mailto
    /// `#fragment` within the page.
    case anchor
    /// A relative path (`Content/…`, `../02-lab/…`, `diagram.svg`), checked by `labs check`.
    case relative
    /// A scheme that is not allowed (`javascript:`, `data:`, …) or a malformed URL: rendered as plain text.
    case rejected
  }

  public let destination: String
  public let kind: Kind
  public let isImage: Bool
  /// 1-based line in the rendered text.
  public let line: Int
}
