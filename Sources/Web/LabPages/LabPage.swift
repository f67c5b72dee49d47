import Labs

/// The learner's page for one lab (issue 4 item 5): the intro and every step rendered with our
/// Markdown renderer, each step's state, checks and hints, and the current step's forms. Every
/// value is escaped (by ``HTML/escape(_:)`` or the renderer); there is no inline script or style.
struct LabPage {
  let progress: LabProgress
  let hints: [String: [HintSpec]]
  let csrfToken: String
  /// Shown above the lab when a form was refused or an answer was wrong.
  let message: String?
  let markdown: MarkdownCache

  var lab: Lab { progress.lab }
  var live: LabLiveState { LabLiveState(progress: progress, hints: hints) }
  var base: String { "/labs/" + lab.id }

  /// Without JavaScript the page reloads every 5 s while a step is current, so new check results
  /// show up (HTML Living Standard §4.2.5.3); with JavaScript the event stream updates it, so
  /// the refresh sits in `<noscript>`.
  var head: String {
    progress.currentStep == nil
      ? "" : #"<noscript><meta http-equiv="refresh" content="5"></noscript>"# + "\n"
  }

  /// Relative links in lab text go to the lab's files, `Content/…` to the content pages.
  var markdownOptions: MarkdownOptions {
    MarkdownOptions(linkBase: base + "/files/", contentBase: "/content/", labsBase: "/labs/")
  }

  var body: String {
    let done = progress.stepsDone
    let total = lab.steps.count
    var html = "<article class=\"lab\">\n<h1>\(HTML.escape(lab.title))</h1>\n"
    if let message { html += Layout.message(message) + "\n" }
    html += """
      <p class="lab-meta">\(HTML.escape(lab.summary)) · about \(lab.minutes) minutes</p>
      <p class="lab-progress"><progress value="\(done)" max="\(total)">\(done) of \(total)</progress>
      \(done) of \(total) steps done · <a href="/sandbox">Open your sandbox</a></p>
      <div class="lab-intro">\(markdown.html(lab.intro, options: markdownOptions))</div>
      <div class="steps" data-sse-map="\(HTML.escape(base + "/events"))">

      """
    let live = live
    for (index, step) in lab.steps.enumerated() {
      html += stepSection(step, number: index + 1, live: live)
    }
    return html + "</div>\n</article>"
  }

  private func stepSection(_ step: Step, number: Int, live: LabLiveState) -> String {
    let state = progress.state(of: step)
    let stateID = LabLiveState.stateID(step)
    var html = """
      <details class="step step-\(state)" id="\(HTML.escape(LabLiveState.stepID(step)))"\
      \(state == "active" ? " open" : "")>
      <summary><span class="step-number">Step \(number)</span> \(HTML.escape(step.title)) \
      <span class="step-state" id="\(HTML.escape(stateID))">\(HTML.escape(live[stateID]))</span>\
      </summary>
      <div class="step-body">\(markdown.html(step.body, options: markdownOptions))</div>
      <h3>Checks</h3>
      <ul class="checks">

      """
    for (index, check) in step.judgedChecks.enumerated() {
      let id = LabLiveState.checkID(step, index + 1)
      html += """
        <li>Check \(index + 1) (\(HTML.escape(check.kind))): \
        <span class="check" id="\(HTML.escape(id))">\(HTML.escape(live[id]))</span></li>

        """
    }
    html += "</ul>\n<h3>Hints</h3>\n"
    html += "<div class=\"hints\" id=\"\(HTML.escape(LabLiveState.hintsID(step)))\">"
    let shown = hints[step.id] ?? []
    html +=
      shown.isEmpty
      ? HTML.escape(LabLiveState.hintsText([]))
      : shown.map { markdown.html($0.text, options: markdownOptions) }.joined()
    html += "</div>\n"
    if state == "active" { html += forms(step) }
    return html + "</details>\n"
  }

  /// The current step's forms: the answer, "Check now", "Show a hint" and, when an instructor
  /// allowed it, "Solve this step". Each carries the session's CSRF token.
  private func forms(_ step: Step) -> String {
    let action = base + "/steps/" + step.id
    let csrf = WebApp.hidden(CSRF.fieldName, csrfToken)
    var html = ""
    if let answer = step.answer {
      html += """
        <form method="post" action="\(HTML.escape(action + "/answer"))" class="answer">
        \(csrf)<fieldset><legend>\(HTML.escape(answer.question))</legend>

        """
      if let choices = answer.choices {
        for (index, choice) in choices.enumerated() {
          html += """
            <label><input type="radio" name="text" value="\(HTML.escape(choice))"\
            \(index == 0 ? " required" : "")> \(HTML.escape(choice))</label>

            """
        }
      } else {
        html += """
          <label>Your answer <input type="text" name="text" maxlength="\(LabPage.answerLimit)" \
          required autocomplete="off"></label>

          """
      }
      html += "<button type=\"submit\">Answer</button></fieldset></form>\n"
    }
    html += "<div class=\"step-actions\">"
    html += button(action + "/check", "Check now", csrf)
    let onRequest = step.hints.count { $0.after == nil && $0.when == nil }
    if (progress.steps[step.id]?.hintsAsked ?? 0) < onRequest {
      html += button(action + "/hints", "Show a hint", csrf)
    }
    if progress.steps[step.id]?.allowSolver == true {
      html += button(action + "/solve", "Solve this step", csrf)
    }
    return html + "</div>\n"
  }

  private func button(_ action: String, _ label: String, _ csrf: String) -> String {
    """
    <form method="post" action="\(HTML.escape(action))" class="inline">\(csrf)\
    <button type="submit">\(HTML.escape(label))</button></form>
    """
  }

  /// Longest typed answer the form offers.
  static let answerLimit = 200
}
