import Foundation
import Store
import Wire

extension WebApp {
  /// Most audit lines the audit page shows, newest first.
  static let auditPageLimit = 200

  /// Writes one line of the audit log for an instructor action (issue #5 item 5: who, what,
  /// when), committed before the action's response.
  func audit(_ visitor: Visitor, _ action: String, _ detail: String) throws {
    let now = configuration.clock()
    try database.write { connection in
      try AccountService.audit(
        connection, now: now, actor: Self.actor(visitor), action: action, detail: detail)
    }
  }

  /// `instructor:<id>`, the audit log's name for the visitor.
  static func actor(_ visitor: Visitor) -> String {
    "\(visitor.account.role.rawValue):\(visitor.account.id)"
  }

  /// `GET /instructor/audit`: the newest audit lines, with instructor names.
  func auditPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let rows = try database.read { connection in
      try connection.query(
        """
        SELECT audit_log.at AS at, audit_log.actor AS actor, audit_log.action AS action,
          audit_log.detail AS detail, instructors.name AS name
        FROM audit_log LEFT JOIN instructors
          ON audit_log.actor = 'instructor:' || instructors.id
        ORDER BY audit_log.id DESC LIMIT ?
        """, [SQLValue(Self.auditPageLimit)])
    }
    var body = """
      <h1>Audit log</h1>
      <p>The newest \(Self.auditPageLimit) instructor actions and sign-ins.</p>
      <table class="audit"><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Detail</th></tr></thead>
      <tbody>

      """
    for row in rows {
      let who = row.string("name").map { "\($0) (\(row.string("actor") ?? ""))" }
      body += """
        <tr><td>\(ISOTime.string(row.double("at") ?? 0))</td>\
        <td>\(HTML.escape(who ?? row.string("actor") ?? ""))</td>\
        <td>\(HTML.escape(row.string("action") ?? ""))</td>\
        <td>\(HTML.escape(row.string("detail") ?? ""))</td></tr>

        """
    }
    body += "</tbody></table>"
    return .html(.ok, Layout.page(title: "Audit log", viewer: visitor.viewer, body: body))
  }
}
