import Labs
import Wire

extension WebApp {
  /// `GET /labs`: the servable labs in order with the learner's progress through each and
  /// overall (issue 4 item 5); lab folders that cannot be served are named below. Shows the
  /// rejoin link once after joining.
  func labs(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    var body = messageNotice(for: visitor) + "<h1>Labs</h1>\n"
    if let rejoin = flashes.take(visitor.credential.token.sha256Hex) {
      let link = "/rejoin/" + rejoin
      body += """
        <section class="notice" role="status"><h2>Your rejoin link</h2>
        <p>Keep this link to come back from another browser. It is shown only once.</p>
        <p><a href="\(HTML.escape(link))">\(HTML.escape(link))</a></p></section>

        """
    }
    let learnerID = visitor.account.role == .learner ? visitor.account.id : nil
    let labs = try learnerID.map { try self.labs(forLearner: $0) } ?? progress.labs
    if labs.isEmpty {
      body += "<p>No labs are installed yet.</p>\n"
    } else {
      var items: [String] = []
      var done = 0
      var total = 0
      for lab in labs {
        let stepsDone = try learnerID.map {
          try progress.progress(learnerID: $0, lab: lab).stepsDone
        }
        done += stepsDone ?? 0
        total += lab.steps.count
        items.append(labItem(lab, stepsDone: stepsDone))
      }
      if learnerID != nil {
        body += """
          <p class="lab-progress">Overall: <progress value="\(done)" max="\(total)">\(done) of \
          \(total)</progress> \(done) of \(total) steps done</p>

          """
      }
      body += "<ol class=\"labs\">\n" + items.joined(separator: "\n") + "\n</ol>\n"
    }
    let served = Set(labs.map(\.id))
    let unavailable = LabsFolder.labNames(in: configuration.labsFolder).filter {
      !served.contains($0)
    }
    if !unavailable.isEmpty {
      body +=
        "<p class=\"muted\">Not available: "
        + unavailable.map { HTML.escape($0) }.joined(separator: ", ") + "</p>"
    }
    return .html(.ok, Layout.page(title: "Labs", viewer: visitor.viewer, body: body))
  }

  /// One lab in the list: a link for learners (instructors see the title only), the summary,
  /// the minutes and, for learners, the steps done.
  private func labItem(_ lab: Lab, stepsDone: Int?) -> String {
    let title = HTML.escape(lab.title)
    var html = "<li class=\"lab-card\"><h2>"
    html += stepsDone == nil ? title : "<a href=\"/labs/\(HTML.escape(lab.id))\">\(title)</a>"
    html += "</h2>\n<p>\(HTML.escape(lab.summary)) · about \(lab.minutes) minutes</p>"
    if let stepsDone {
      let total = lab.steps.count
      html += """

        <p><progress value="\(stepsDone)" max="\(total)">\(stepsDone) of \(total)</progress> \
        \(stepsDone) of \(total) steps done</p>
        """
    }
    return html + "</li>"
  }
}
