import Wire

extension WebApp {
  /// The learner's mesh (issue 6 item 5): the App Mesh API under ``meshAPIPath`` and the mesh
  /// page with its forms. Each always works on the caller's own mesh: no parameter names a
  /// learner.
  func meshRoutes() -> [Route] {
    meshAPIRoutes() + meshPageRoutes()
  }
}
