import Foundation
import Sandbox

/// The learner's sandbox page (issue 3 item 5): start and stop, start progress, the processes
/// with their charts, the fault catalog as forms and the learner's faults. Plain HTML that
/// works without script; every value is escaped.
struct SandboxPage {
  /// `nil` when the learner never started a sandbox.
  let status: SandboxStatus?
  let faults: [FaultRecord]
  let definition: TaskDefinition
  /// The session's token for every form.
  let csrf: String
  /// An error to show above everything (a refused form).
  let message: String?
  /// The mesh section (``MeshSection``), when the learner has a sandbox.
  var mesh: String? = nil

  /// Seconds between reloads while the sandbox is starting.
  static let refreshSeconds = 2
  /// Recent output lines shown per process.
  static let outputLines = 20

  /// Whether the page should reload itself: running, but not every process is up yet.
  var isStarting: Bool {
    guard let status, status.phase == .running else { return false }
    return !status.allHealthy
  }

  /// The `<head>` extra: a refresh while starting (HTML Living Standard §4.2.5.3), no script.
  var head: String {
    isStarting ? #"<meta http-equiv="refresh" content="\#(Self.refreshSeconds)">"# : ""
  }

  var body: String {
    var html = "<h1>Your sandbox</h1>\n"
    if let message { html += Layout.message(message) + "\n" }
    html += controls
    if let status {
      html += processes(status)
    }
    html += (mesh ?? "") + catalog + history
    return html
  }

  /// The phase, the progress while starting, and the start and stop buttons.
  private var controls: String {
    var html = "<section class=\"sandbox-controls\">\n"
    guard let status else {
      return html + "<p>You have no sandbox yet.</p>\n" + form("/sandbox/start", "Start sandbox")
        + "</section>\n"
    }
    html +=
      "<p>Sandbox <code>\(HTML.escape(status.id))</code> is \(HTML.escape(status.phase.rawValue))"
    html += status.allHealthy ? ", every process is up.</p>\n" : ".</p>\n"
    if isStarting {
      let ready = status.processes.filter { $0.state == .healthy || $0.state == .running }.count
      html += """
        <p><label>Starting: \(ready) of \(status.processes.count) processes ready \
        <progress max="\(status.processes.count)" value="\(ready)">\(ready)/\(status.processes.count)</progress>\
        </label></p>

        """
    }
    if status.phase == .stopped {
      html += form("/sandbox/start", "Start sandbox")
    } else {
      html += form("/sandbox/start", "Restart stopped processes")
      html += form("/sandbox/stop", "Stop sandbox")
    }
    return html + "</section>\n"
  }

  /// A one-button form posting to `action` with the CSRF token.
  func form(_ action: String, _ label: String) -> String {
    """
    <form method="post" action="\(HTML.escape(action))" class="inline">\
    \(WebApp.hidden(CSRF.fieldName, csrf))<button type="submit">\(HTML.escape(label))</button></form>

    """
  }
}
