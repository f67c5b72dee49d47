import Labs
import Synchronization

/// Lab text rendered once: labs are loaded at start and do not change, so each piece of
/// Markdown (an intro, a step, a hint) is rendered the first time a page needs it and reused.
/// Bounded: past `capacity` distinct pieces the cache starts over.
final class MarkdownCache: Sendable {
  private let entries = Mutex<[String: String]>([:])
  private let capacity: Int

  init(capacity: Int = 4096) {
    self.capacity = capacity
  }

  func html(_ text: String, options: MarkdownOptions) -> String {
    let bases = [options.linkBase, options.contentBase, options.labsBase].map { $0 ?? "" }
    let key = bases.joined(separator: "\u{0}") + "\u{0}" + text
    if let cached = entries.withLock({ $0[key] }) { return cached }
    let rendered = Markdown.render(text, options: options)
    entries.withLock { entries in
      if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
      entries[key] = rendered
    }
    return rendered
  }
}
