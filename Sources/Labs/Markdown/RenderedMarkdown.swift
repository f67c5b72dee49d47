/// The HTML of a document and every link and image destination in it (for `labs check`).
public struct RenderedMarkdown: Sendable, Equatable {
  public let html: String
  public let links: [MarkdownLink]
}
