import Testing

@testable import Labs

@Suite struct SlugTests {
  @Test(arguments: [
    ("Start the sandbox", "start-the-sandbox"),
    ("What's up?", "whats-up"),
    ("  --Crash__unicorn--  ", "crash-unicorn"),
    ("Ünïcode ✓", "ncode"),
    ("!!!", "section"),
    ("", "section"),
  ])
  func make_keepsLowercaseLettersDigitsAndDashes(text: String, slug: String) {
    #expect(Slug.make(text) == slug)
  }

  @Test func make_capsLength() {
    #expect(Slug.make(String(repeating: "a", count: 500)).count == 64)
  }

  @Test func slugSet_deduplicatesPerDocument() {
    var slugs = SlugSet()
    #expect(
      ["Setup", "setup", "Setup", "setup-1"].map { slugs.unique(for: $0) } == [
        "setup", "setup-1", "setup-2", "setup-1-1",
      ])
  }
}
