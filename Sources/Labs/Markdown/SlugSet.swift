/// Hands out slugs that are unique within one document: the second `setup` becomes `setup-1`, then `setup-2`.
struct SlugSet {
  private var used: Set<String> = []
  private var nextSuffix: [String: Int] = [:]

  mutating func unique(for text: some StringProtocol) -> String {
    let base = Slug.make(text)
    guard used.contains(base) else {
      used.insert(base)
      return base
    }
    var suffix = nextSuffix[base, default: 1]
    while used.contains("\(base)-\(suffix)") { suffix += 1 }
    nextSuffix[base] = suffix + 1
    let slug = "\(base)-\(suffix)"
    used.insert(slug)
    return slug
  }
}
