import Foundation

/// A lab for the lab page tests whose steps need no sandbox: two questions, with markup in
/// every text to prove it is escaped, a picture and a Content page beside it.
enum LabPageSamples {
  static let labID = "01-escape-room"
  static let path = "/labs/\(labID)"

  static let lab = #"""
    ---
    title: Escape <b>room</b> & "friends"
    summary: A <script>alert(1)</script> summary.
    minutes: 7
    ---
    Intro with a ![map <x>](map.svg) and the [glossary](Content/glossary.md).

    ## Pick one

    Body with <i>raw</i> HTML.

    ```answer
    question: Which <tag> is right?
    choices: ["<b>bold</b>", plain]
    correct: plain
    ```

    ```hint
    Ask for <this>.
    ```

    ## Type it

    Say yes.

    ```answer
    question: Do you agree?
    pattern: (?i)\s*yes\s*
    ```

    """#

  /// Writes the lab, its picture and `Content/glossary.md` + `Content/shape.svg` beside the
  /// labs folder.
  static func write(labsFolder: String) throws {
    let folder = "\(labsFolder)/\(labID)"
    let content = URL(fileURLWithPath: labsFolder).deletingLastPathComponent().path + "/Content"
    for path in [folder, content] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    try lab.write(toFile: "\(folder)/lab.md", atomically: true, encoding: .utf8)
    let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>"#
    try svg.write(toFile: "\(folder)/map.svg", atomically: true, encoding: .utf8)
    try svg.write(toFile: "\(content)/shape.svg", atomically: true, encoding: .utf8)
    try "# Glossary\n\nA <marquee>word</marquee>.\n".write(
      toFile: "\(content)/glossary.md", atomically: true, encoding: .utf8)
  }
}
