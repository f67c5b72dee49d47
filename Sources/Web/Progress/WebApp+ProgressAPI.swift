import Foundation
import Labs
import Wire

extension WebApp {
  /// The labs API (issue 4 item 4): the signed-in learner's progress through the served labs.
  /// Learners only (instructors 403, anonymous 401), except the instructor's solver switch.
  func progressAPIRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    let step = "/api/v1/labs/:lab/steps/:step"
    return [
      Route(.get, "/api/v1/labs", .task { [self] in try apiLabs($0) }),
      Route(.get, "/api/v1/labs/:lab", .task { [self] in try apiLab($0) }),
      Route(
        .post, "/api/v1/labs/:lab/open", bodyLimit: limit, .task { [self] in try apiOpenLab($0) }),
      Route(.post, "\(step)/check", bodyLimit: limit, .task { [self] in try apiCheckStep($0) }),
      Route(.post, "\(step)/answer", bodyLimit: limit, .task { [self] in try apiAnswer($0) }),
      Route(.post, "\(step)/hints", bodyLimit: limit, .task { [self] in try apiAskHint($0) }),
      Route(.post, "\(step)/solve", bodyLimit: limit, .task { [self] in try await apiSolve($0) }),
      Route(
        .put, "/api/v1/learners/:learner/labs/:lab/steps/:step/solver", bodyLimit: limit,
        .task { [self] in try apiAllowSolver($0) }),
    ]
  }

  /// `GET /api/v1/labs` → `{"labs": [{"id", "title", "summary", "minutes", "needs",
  /// "stepsDone", "stepsTotal"}]}`.
  func apiLabs(_ request: HTTPRequest) throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    let labs = try labs(forLearner: learnerID).map {
      try progress.progress(learnerID: learnerID, lab: $0).summaryJSON
    }
    return .json(.ok, ["labs": labs])
  }

  /// `GET /api/v1/labs/{lab}` → the lab with its steps' state, check results and visible hints.
  func apiLab(_ request: HTTPRequest) throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    return .json(.ok, try labDetail(learnerID: learnerID, labID: request.pathParameters["lab"]))
  }

  /// `POST /api/v1/labs/{lab}/open` → 200 with the lab: its first step starts.
  func apiOpenLab(_ request: HTTPRequest) throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    let labID = request.pathParameters["lab"] ?? ""
    _ = try progress.openLab(learnerID: learnerID, labID: labID)
    return .json(.ok, try labDetail(learnerID: learnerID, labID: labID))
  }

  /// `POST …/steps/{step}/check` ("Check now") → 200 `{"step": …}` judged from real state.
  func apiCheckStep(_ request: HTTPRequest) throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    let (labID, stepID) = Self.stepParameters(request)
    try progress.check(
      learnerID: learnerID, labID: labID, stepID: stepID, requestedByLearner: true)
    return .json(.ok, ["step": try stepDetail(learnerID: learnerID, labID: labID, stepID: stepID)])
  }

  /// `POST …/steps/{step}/answer` `{"text"}` → 200 `{"correct", "step"}`.
  func apiAnswer(_ request: HTTPRequest) throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    let text = try JSONBody(request).string("text")
    let (labID, stepID) = Self.stepParameters(request)
    let correct = try progress.answer(
      learnerID: learnerID, labID: labID, stepID: stepID, text: text)
    return .json(
      .ok,
      [
        "correct": correct,
        "step": try stepDetail(learnerID: learnerID, labID: labID, stepID: stepID),
      ])
  }

  /// `POST …/steps/{step}/hints` → 200 `{"step": …}` with one more on-request hint shown.
  func apiAskHint(_ request: HTTPRequest) throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    let (labID, stepID) = Self.stepParameters(request)
    return .json(
      .ok, ["step": try stepDetail(learnerID: learnerID, labID: labID, stepID: stepID, ask: true)])
  }

  /// `POST …/steps/{step}/solve` → 200 `{"step": …}`; 403 unless an instructor allowed it.
  func apiSolve(_ request: HTTPRequest) async throws -> HTTPResponse {
    let learnerID = try progressLearner(request)
    let (labID, stepID) = Self.stepParameters(request)
    _ = try await progress.solve(learnerID: learnerID, labID: labID, stepID: stepID)
    return .json(.ok, ["step": try stepDetail(learnerID: learnerID, labID: labID, stepID: stepID)])
  }

  /// `PUT /api/v1/learners/{id}/labs/{lab}/steps/{step}/solver` `{"allowed": true|false}`
  /// (instructors) → 204; 403 for learners, 404 for an unknown learner, lab or step.
  func apiAllowSolver(_ request: HTTPRequest) throws -> HTTPResponse {
    let visitor = try bearerVisitor(request)
    guard visitor.account.role == .instructor else {
      throw HTTPError(.forbidden, "instructors only")
    }
    _ = try JSONBody(request)
    let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
    guard let allowed = object?["allowed"] as? Bool else {
      throw HTTPError(.badRequest, "field \"allowed\" must be true or false")
    }
    guard let text = request.pathParameters["learner"], text.utf8.count <= 19,
      let learnerID = Int64(text),
      try database.read({
        try $0.queryOne("SELECT id FROM learners WHERE id = ?", [.integer(learnerID)])
      }) != nil
    else { throw HTTPError(.notFound, "no such learner") }
    guard try !allowed || solverAllowed(forLearner: learnerID) else {
      throw HTTPError(.conflict, "the learner's event does not allow the solver")
    }
    let (labID, stepID) = Self.stepParameters(request)
    try progress.allowSolver(learnerID: learnerID, labID: labID, stepID: stepID, allowed: allowed)
    return HTTPResponse(status: .noContent)
  }

  /// The bearer's learner id: 401 without a valid token, 403 for instructors.
  func progressLearner(_ request: HTTPRequest) throws -> Int64 {
    try learnerAPIVisitor(request, feature: "labs progress calls", origin: .never).account.id
  }

  static func stepParameters(_ request: HTTPRequest) -> (lab: String, step: String) {
    (request.pathParameters["lab"] ?? "", request.pathParameters["step"] ?? "")
  }

  /// A lab's detail JSON for the learner, recording the hints they now see.
  func labDetail(learnerID: Int64, labID: String?) throws -> [String: Any] {
    let lab = try progress.lab(labID ?? "")
    let stored = try progress.progress(learnerID: learnerID, lab: lab)
    return stored.detailJSON(hints: try progress.hints(of: stored, now: configuration.clock()))
  }

  /// One step's JSON for the learner, recording the hints they now see (`ask`: one more).
  func stepDetail(learnerID: Int64, labID: String, stepID: String, ask: Bool = false) throws
    -> [String: Any]
  {
    let lab = try progress.lab(labID)
    let step = try progress.step(stepID, of: lab)
    let hints = try progress.hints(
      learnerID: learnerID, lab: lab, step: step, now: configuration.clock(), ask: ask)
    return try progress.progress(learnerID: learnerID, lab: lab).stepJSON(step, hints: hints)
  }
}
