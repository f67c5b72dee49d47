import Foundation
import Labs
import Wire

extension WebApp {
  /// The learner's lab pages (issue 4 item 5): the page, its forms, its event stream, its
  /// images, and the shared Content pages.
  func labPageRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    let step = "/labs/:lab/steps/:step"
    return [
      Route(.get, "/labs/:lab", .task { [self] in try labPage($0) }),
      Route(
        .post, "\(step)/answer", bodyLimit: limit,
        .task { [self] request in
          try await labForm(request) { learnerID, labID, stepID, form in
            let text = (form["text"] ?? "").trimmingASCIISpaces()
            guard !text.isEmpty else { return "Choose or type an answer first." }
            let correct = try progress.answer(
              learnerID: learnerID, labID: labID, stepID: stepID, text: String(text))
            return correct ? nil : "That is not the answer yet. Read the step again and retry."
          }
        }),
      Route(
        .post, "\(step)/check", bodyLimit: limit,
        .task { [self] request in
          try await labForm(request) { learnerID, labID, stepID, _ in
            try progress.check(
              learnerID: learnerID, labID: labID, stepID: stepID, requestedByLearner: true)
            return nil
          }
        }),
      Route(
        .post, "\(step)/hints", bodyLimit: limit,
        .task { [self] request in
          try await labForm(request) { learnerID, labID, stepID, _ in
            let lab = try progress.lab(labID)
            _ = try progress.hints(
              learnerID: learnerID, lab: lab, step: try progress.step(stepID, of: lab),
              now: configuration.clock(), ask: true)
            return nil
          }
        }),
      Route(
        .post, "\(step)/solve", bodyLimit: limit,
        .task { [self] request in
          try await labForm(request) { learnerID, labID, stepID, _ in
            _ = try await progress.solve(learnerID: learnerID, labID: labID, stepID: stepID)
            return nil
          }
        }),
      Route(.get, "/labs/:lab/events", .task { [self] in try labEvents($0) }),
      Route(.get, "/labs/:lab/files/:name", .task { [self] in try labFile($0) }),
      Route(.get, "/content/:page", .task { [self] in try contentPage($0) }),
    ]
  }

  /// `GET /labs/{lab}`: opens the lab for the learner (its first step starts) and shows it.
  func labPage(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else { return forbiddenLabPage(visitor) }
    let opened = try progress.openLab(
      learnerID: visitor.account.id, labID: request.pathParameters["lab"] ?? "")
    return try renderLabPage(visitor, progress: opened, status: .ok, message: nil)
  }

  /// Runs a step form's `action` (answer, check now, show a hint, or the solver when an
  /// instructor allowed it) after the Origin and CSRF checks; it returns a message to show (a
  /// wrong answer) or nil for 303 back to `/labs/{lab}#step-{step}`. A 4xx refusal shows the
  /// page again with its message and status.
  func labForm(
    _ request: HTTPRequest,
    _ action: (Int64, String, String, FormData) async throws -> String?
  ) async throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    let form = try formPost(request, requireSource: true)
    try CSRF.verify(form, session: visitor.session)
    guard visitor.account.role == .learner else { return forbiddenLabPage(visitor) }
    let (labID, stepID) = Self.stepParameters(request)
    let message: String?
    do {
      message = try await action(visitor.account.id, labID, stepID, form)
    } catch let error as HTTPError where error.status.statusClass == 4 {
      guard (try? progress.lab(labID)) != nil else { throw error }
      return try renderLabPage(visitor, labID: labID, status: error.status, message: error.message)
    }
    if let message {
      return try renderLabPage(visitor, labID: labID, status: .ok, message: message)
    }
    return .seeOther("/labs/\(labID)#step-\(stepID)")
  }

  /// `GET /labs/{lab}/events`: an event stream (HTML Living Standard §9.2) whose events are
  /// `{"id", "text"}` for each page element whose text changed; the engine is read once a
  /// second and a comment keeps the connection alive every 15 s. Ends when the client goes.
  func labEvents(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else { return forbiddenLabPage(visitor) }
    let lab = try progress.lab(request.pathParameters["lab"] ?? "")
    let learnerID = visitor.account.id
    return ServerSentEvent.stream { [self] writer in
      await streamLabChanges(learnerID: learnerID, lab: lab, to: writer)
    }
  }

  private func streamLabChanges(learnerID: Int64, lab: Lab, to writer: ResponseBodyWriter) async {
    var last: LabLiveState?
    var quietSeconds = 0
    while !Task.isCancelled, !writer.isClosed {
      if let state = try? liveState(learnerID: learnerID, lab: lab) {
        let changes = state.changes(since: last)
        for entry in changes {
          let object = ["id": entry.id, "text": entry.text]
          guard let data = try? JSONSerialization.data(withJSONObject: object) else { continue }
          writer.write(ServerSentEvent(data: String(decoding: data, as: UTF8.self)).encoded)
        }
        if !changes.isEmpty { quietSeconds = 0 }
        last = state
      }
      quietSeconds += 1
      if quietSeconds >= 15 {
        writer.write(ServerSentEvent.comment("keep-alive"))
        quietSeconds = 0
      }
      try? await Task.sleep(for: .seconds(1))
    }
  }

  /// `GET /labs/{lab}/files/{name}`: an SVG image from the lab's folder.
  func labFile(_ request: HTTPRequest) throws -> HTTPResponse {
    guard try visitor(request) != nil else { return .seeOther("/") }
    let lab = try progress.lab(request.pathParameters["lab"] ?? "")
    let folder = configuration.labsFolder + "/" + lab.id
    return LabAsset.svg(
      try LabAsset.read(request.pathParameters["name"] ?? "", ext: "svg", in: folder))
  }

  /// `GET /content/{page}`: `Content/<page>.md` rendered in the layout, or an SVG image from
  /// `Content/`; 404 for any other name.
  func contentPage(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    let name = request.pathParameters["page"] ?? ""
    let folder =
      URL(fileURLWithPath: configuration.labsFolder).deletingLastPathComponent().path + "/Content"
    if LabAsset.isValid(name, ext: "svg") {
      return LabAsset.svg(try LabAsset.read(name, ext: "svg", in: folder))
    }
    let text = String(decoding: try LabAsset.read(name, ext: "md", in: folder), as: UTF8.self)
    let options = MarkdownOptions(
      linkBase: "/content/", contentBase: "/content/", labsBase: "/labs/")
    let title = text.split(separator: "\n").first { $0.hasPrefix("# ") }.map {
      String($0.dropFirst(2))
    }
    let body = "<article class=\"content\">\n\(Markdown.render(text, options: options))</article>"
    return .html(.ok, Layout.page(title: title ?? "Content", viewer: visitor.viewer, body: body))
  }

  /// The lab page for `visitor`, with `message` above it.
  func renderLabPage(_ visitor: Visitor, labID: String, status: HTTPStatus, message: String?)
    throws -> HTTPResponse
  {
    let lab = try progress.lab(labID)
    return try renderLabPage(
      visitor, progress: try progress.progress(learnerID: visitor.account.id, lab: lab),
      status: status, message: message)
  }

  /// The lab page for `visitor` showing `stored` (and the hints it makes visible, recorded as
  /// seen), with `message` above it.
  func renderLabPage(
    _ visitor: Visitor, progress stored: LabProgress, status: HTTPStatus, message: String?
  ) throws -> HTTPResponse {
    let page = LabPage(
      progress: stored, hints: try progress.hints(of: stored, now: configuration.clock()),
      csrfToken: visitor.session.csrfToken, message: message, markdown: markdownCache)
    return .html(
      status,
      Layout.page(
        title: stored.lab.title, viewer: visitor.viewer,
        body: messageNotice(for: visitor) + page.body, head: page.head))
  }

  /// What the lab page's live parts show now.
  func liveState(learnerID: Int64, lab: Lab) throws -> LabLiveState {
    let stored = try progress.progress(learnerID: learnerID, lab: lab)
    return LabLiveState(
      progress: stored, hints: try progress.hints(of: stored, now: configuration.clock()))
  }

  private func forbiddenLabPage(_ visitor: Visitor) -> HTTPResponse {
    let body = "<h1>403 Forbidden</h1>\n" + Layout.message("Lab pages are for learners.")
    return .html(.forbidden, Layout.page(title: "Forbidden", viewer: visitor.viewer, body: body))
  }
}
