/// A request's signed-in person: the credential it presented, the live session and the account.
struct Visitor: Sendable {
  let credential: Credential
  let session: Session
  let account: Account

  /// What the page header shows for this visitor.
  var viewer: Layout.Viewer {
    Layout.Viewer(name: account.name, role: account.role, csrfToken: session.csrfToken)
  }
}
