import Foundation
import Wire

extension WebApp {
  /// How often a learner's message stream looks for new messages.
  static let messagePollInterval: Duration = .seconds(1)

  /// The notice of a learner's unseen instructor messages, to put above a page's content (the
  /// layout's hook for issue #5 item 3: "a message the learner sees on their next page"),
  /// with an element that receives later ones live (`data-sse`, see `app.js`). The messages
  /// count as seen once returned. Empty for instructors and when the store fails.
  func messageNotice(for visitor: Visitor) -> String {
    guard visitor.account.role == .learner else { return "" }
    let unseen =
      (try? LearnerMessageStore(database: database).takeUnseen(
        learnerID: visitor.account.id, at: configuration.clock().timeIntervalSince1970)) ?? []
    var html = ""
    if !unseen.isEmpty {
      html +=
        "<section class=\"notice learner-messages\" role=\"status\"><h2>From your instructor</h2><ul>"
      html += unseen.map { "<li>\(HTML.escape(Self.messageLine($0)))</li>" }.joined()
      html += "</ul></section>\n"
    }
    return html + Self.liveMessageElement
  }

  /// Where `app.js` shows a message that arrives while the page is open (`data-sse`).
  static let liveMessageElement =
    "<p class=\"notice live-message\" id=\"live-message\" data-sse=\"/messages/events\" aria-live=\"polite\"></p>\n"

  /// `GET /messages`: the learner's messages from instructors, newest first; unseen ones count
  /// as seen from now.
  func messagesPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let store = LearnerMessageStore(database: database)
    _ = try store.takeUnseen(
      learnerID: visitor.account.id, at: configuration.clock().timeIntervalSince1970)
    let messages = try store.list(learnerID: visitor.account.id)
    var body = "<h1>Messages from your instructor</h1>\n" + Self.liveMessageElement
    if messages.isEmpty {
      body += "<p>No messages yet.</p>"
    } else {
      body += "<ul class=\"learner-messages\" id=\"messages\">\n"
      for message in messages {
        let time = ISOTime.string(message.sentAt)
        body += """
          <li><time datetime="\(time)">\(time.prefix(16).replacingOccurrences(of: "T", with: " "))</time> \
          \(HTML.escape(Self.messageLine(message)))</li>

          """
      }
      body += "</ul>"
    }
    return .html(.ok, Layout.page(title: "Messages", viewer: visitor.viewer, body: body))
  }

  /// `GET /messages/events`: an event stream (HTML Living Standard §9.2) with one message per
  /// new instructor message, as plain text (`From Grace: …`); each counts as seen once sent.
  func messageEvents(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let learnerID = visitor.account.id
    return ServerSentEvent.stream { [self] writer in
      let store = LearnerMessageStore(database: database)
      var quiet: Duration = .zero
      while !Task.isCancelled, !writer.isClosed {
        let now = configuration.clock().timeIntervalSince1970
        for message in (try? store.takeUnseen(learnerID: learnerID, at: now)) ?? [] {
          writer.write(ServerSentEvent(data: Self.messageLine(message)).encoded)
          quiet = .zero
        }
        quiet += Self.messagePollInterval
        if quiet >= Self.boardKeepAliveInterval {
          writer.write(ServerSentEvent.comment("keep-alive"))
          quiet = .zero
        }
        try? await Task.sleep(for: Self.messagePollInterval)
      }
    }
  }

  /// `From Grace: text`.
  static func messageLine(_ message: LearnerMessage) -> String {
    "From \(message.sender): \(message.text)"
  }
}
