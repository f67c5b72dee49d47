import Foundation
import Wire

extension WebApp {
  /// How often the board's event stream reads the store: a learner's change reaches the
  /// instructor within this (issue #5 goal: ≤ 2 s).
  static let boardPollInterval: Duration = .milliseconds(500)
  /// A comment on a quiet stream this often keeps proxies from closing it.
  static let boardKeepAliveInterval: Duration = .seconds(15)

  /// The board of `event` now: one read of the store for every learner and step, the sandbox
  /// phases from the agent's memory.
  func board(of event: EventSettings) throws -> Board {
    let learners = try progress.store.boardLearners(eventID: event.id ?? 0)
    var phases: [Int64: String] = [:]
    if let sandboxes {
      for learner in learners {
        let id = SandboxService.sandboxID(learnerID: learner.id)
        phases[learner.id] = sandboxes.agent.status(sandboxID: id, logLines: 0)?.phase.rawValue
      }
    }
    return Board(
      columns: BoardColumn.columns(for: labs(of: event)), learners: learners, sandboxes: phases,
      now: configuration.clock().timeIntervalSince1970)
  }

  /// `GET /instructor/board?event=<id>`: the live board of the event (default: the first).
  func boardPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let event = try selectedEvent(request)
    let page = BoardPage(board: try board(of: event), eventID: event.id ?? 0, eventName: event.name)
    return .html(
      .ok,
      Layout.page(
        title: "Board · \(event.name)", viewer: visitor.viewer, body: page.body, head: page.head))
  }

  /// `GET /api/v1/instructor/board?event=<id>` → the board as JSON (``Board/json``).
  func boardAPI(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    .json(.ok, try board(of: try selectedEvent(request)).json)
  }

  /// `GET /instructor/board/events?event=<id>`: an event stream (HTML Living Standard §9.2)
  /// whose messages are `{"entries": [{"id", "text", "state"}], "order": [row ids]}` for what
  /// changed since the last one (everything first), or `{"reload": true}` when a learner joined
  /// or the event's steps changed. Ends when the client goes.
  func boardEvents(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let event = try selectedEvent(request)
    return ServerSentEvent.stream { [self] writer in
      await streamBoard(eventID: event.id ?? 0, to: writer)
    }
  }

  private func streamBoard(eventID: Int64, to writer: ResponseBodyWriter) async {
    var last: BoardLiveState?
    var quiet: Duration = .zero
    while !Task.isCancelled, !writer.isClosed {
      // The event is read again each round: its labs may change while the board is open.
      if let event = try? eventStore.event(eventID), let board = try? board(of: event) {
        let state = BoardLiveState(board)
        if let message = Self.boardMessage(state, since: last) {
          writer.write(ServerSentEvent(data: message).encoded)
          quiet = .zero
        }
        last = state
      }
      quiet += Self.boardPollInterval
      if quiet >= Self.boardKeepAliveInterval {
        writer.write(ServerSentEvent.comment("keep-alive"))
        quiet = .zero
      }
      try? await Task.sleep(for: Self.boardPollInterval)
    }
  }

  /// The stream's message for `state` after `previous`, or `nil` when nothing changed.
  static func boardMessage(_ state: BoardLiveState, since previous: BoardLiveState?) -> String? {
    var object: [String: Any]
    if let previous, previous.shape != state.shape {
      object = ["reload": true]
    } else {
      let changes = state.changes(since: previous)
      guard !changes.isEmpty || previous?.order != state.order else { return nil }
      object = [
        "entries": changes.map { entry -> [String: Any] in
          var item: [String: Any] = ["id": entry.id, "text": entry.text]
          item["state"] = entry.state
          return item
        }
      ]
      if previous?.order != state.order { object["order"] = state.order }
    }
    guard let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}
