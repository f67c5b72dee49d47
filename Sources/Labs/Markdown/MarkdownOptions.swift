/// How the renderer rewrites relative links so the pages layer can route them.
public struct MarkdownOptions: Sendable, Equatable {
  /// Prefix for a relative link into the current lab's own folder, e.g. `/labs/01-meet-the-app/files/`.
  public var linkBase: String?
  /// Prefix that replaces a leading `Content/`, e.g. `/content/`.
  public var contentBase: String?
  /// Prefix for a link into another lab (`../NN-slug/…`), e.g. `/labs/`: the lab itself becomes
  /// `/labs/NN-slug` and its files `/labs/NN-slug/files/…`.
  public var labsBase: String?

  public init(linkBase: String? = nil, contentBase: String? = nil, labsBase: String? = nil) {
    self.linkBase = linkBase
    self.contentBase = contentBase
    self.labsBase = labsBase
  }
}
