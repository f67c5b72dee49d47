/// The one page frame every HTML page uses (HTML Living Standard §4): UTF-8, a viewport, the
/// shared stylesheet and script (no inline script or style, so the CSP can forbid them), a
/// header with the product name and sign-in state, and the page inside `<main>`.
/// Every dynamic value is escaped here or by the caller through ``HTML/escape(_:)``.
public enum Layout {
  public static let productName = "Sidecar Lab"

  /// The header's view of who is signed in: their name and the session's CSRF token for the
  /// sign-out form.
  public struct Viewer: Sendable {
    public let name: String
    public let role: Role
    public let csrfToken: String
  }

  /// A complete page. `title` is escaped; `body` is HTML the caller built with escaped values;
  /// `head` is extra trusted markup for `<head>` (such as a `<meta http-equiv="refresh">`).
  public static func page(title: String, viewer: Viewer?, body: String, head: String = "")
    -> String
  {
    let status: String
    if let viewer {
      let home =
        viewer.role == .instructor
        ? #"<a href="/instructor">Instructor</a> "#
        : #"<a href="/sandbox">Sandbox</a> <a href="/logs">Logs</a> <a href="/traces/map">Traces</a> "#
          + #"<a href="/dashboard">Metrics</a> "#
      status = """
        \(home)<a href="/labs">Labs</a>
        <span class="who">Signed in as \(HTML.escape(viewer.name))</span>
        <form method="post" action="/signout" class="inline">\
        <input type="hidden" name="csrf" value="\(HTML.escape(viewer.csrfToken))">\
        <button type="submit">Sign out</button></form>
        """
    } else {
      status = #"<a href="/signin">Instructor sign-in</a>"#
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTML.escape(title)) · \(productName)</title>
      <link rel="stylesheet" href="/static/site.css">
      <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
      <script src="/static/app.js" defer></script>
      \(head)</head>
      <body>
      <header><a class="brand" href="/">\(productName)</a>
      <nav>\(status)</nav></header>
      <main>
      \(body)
      </main>
      </body>
      </html>

      """
  }

  /// A paragraph with an error message for the user, escaped.
  public static func message(_ text: String) -> String {
    #"<p class="error" role="alert">\#(HTML.escape(text))</p>"#
  }
}
