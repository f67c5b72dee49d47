import Testing
import Wire

@testable import Web

@Suite struct StaticFilesPathTests {
  static func status(_ encoded: Substring) -> Int? {
    do {
      _ = try StaticPath(encoded: encoded)
      return nil
    } catch {
      return error.status.code
    }
  }

  @Test(arguments: [
    ("a//b/", "a/b"), ("/css/site.css", "css/site.css"), ("x%20y.txt", "x y.txt"),
    ("caf%C3%A9", "café"),
  ])
  func path_collapsesEmptySegmentsAndDecodes(encoded: String, relative: String) throws {
    #expect(try StaticPath(encoded: Substring(encoded)).relative == relative)
  }

  @Test func dotSegment_winsOverHiddenSegment() {
    #expect(Self.status(".git/../a.txt") == 400)
    #expect(Self.status(".git/a.txt") == 404)
    #expect(Self.status("...") == 404)
  }

  @Test func emptyPath_is404() {
    #expect(Self.status("") == 404)
    #expect(Self.status("//") == 404)
  }

  @Test func fileName_isLastSegment() throws {
    #expect(try StaticPath(encoded: "a/b/c.tar.gz").fileName == "c.tar.gz")
    #expect(try StaticPath(encoded: "top").fileName == "top")
  }
}
