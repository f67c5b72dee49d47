import Mesh
import Wire

/// The edit form of one route (`POST /mesh/routes/{router}/{route}`): a weight per virtual
/// node (empty: not a target), the retry policy (`maxRetries`, `perRetryTimeout`, the retry
/// events as checkboxes; all empty: no retry policy) and the route timeout `perRequest`
/// (empty: Envoy's default 15 s). Holds the text as typed, so a refused form shows it again
/// with each problem beside its field.
struct MeshRouteForm: Sendable {
  /// Every retry event App Mesh has, HTTP ones and `connection-error` (FORMATS.md).
  static let retryEvents = RetryEvent.allCases.map(\.rawValue)
  /// The key of problems that belong to no single field.
  static let general = "form"

  let router: String
  let route: String
  /// `(node, weight text)` for every virtual node of the document.
  var weights: [(node: String, text: String)]
  var maxRetries: String
  var perRetryTimeout: MeshFormDuration
  var retryEvents: Set<String>
  var perRequest: MeshFormDuration
  /// Problems by field name: `weight.<node>`, `weights` (all of them), `maxRetries`,
  /// `perRetryTimeout`, `retryEvents`, `perRequest` or ``general``.
  var errors: [String: String] = [:]

  /// The form showing `route` as it is.
  init(_ route: MeshRoute, nodes: [String]) {
    router = route.virtualRouterName
    self.route = route.routeName
    let targets = route.httpRoute.weightedTargets
    weights = nodes.map { node in
      (node, targets.first { $0.virtualNode == node }.map { String($0.weight) } ?? "")
    }
    let policy = route.httpRoute.retryPolicy
    maxRetries = policy.map { String($0.maxRetries) } ?? ""
    perRetryTimeout = MeshFormDuration(policy?.perRetryTimeout, defaultUnit: .ms)
    retryEvents = Set(policy?.events.map(\.rawValue) ?? [])
    perRequest = MeshFormDuration(route.httpRoute.timeout?.perRequest, defaultUnit: .s)
  }

  /// The form as posted for `route`.
  init(_ form: FormData, route: MeshRoute, nodes: [String]) {
    router = route.virtualRouterName
    self.route = route.routeName
    weights = nodes.map { ($0, form.trimmed("weight.\($0)")) }
    maxRetries = form.trimmed("maxRetries")
    perRetryTimeout = MeshFormDuration(form, "perRetryTimeout")
    retryEvents = Set(
      form.fields.filter { $0.name == "retryEvent" }.map(\.value).filter(
        Self.retryEvents.contains))
    perRequest = MeshFormDuration(form, "perRequest")
  }

  /// Puts the form's values into `route` (keeping its match, idle timeout and extensions);
  /// records in ``errors`` what cannot even be read, and then leaves `route` alone.
  mutating func apply(to route: inout MeshRoute) {
    var targets: [WeightedTargetConfig] = []
    for (node, text) in weights {
      if let weight = MeshFormNumber.parse(text, "weight.\(node)", &errors) {
        targets.append(WeightedTargetConfig(virtualNode: node, weight: weight))
      }
    }
    if targets.isEmpty, errors.isEmpty { errors["weights"] = "give a weight to at least one node" }
    let retries = MeshFormNumber.parse(maxRetries, "maxRetries", &errors)
    let perTry = perRetryTimeout.parse("perRetryTimeout", &errors)
    let timeout = perRequest.parse("perRequest", &errors)
    var policy: RetryPolicyConfig?
    if !maxRetries.isEmpty || !perRetryTimeout.isEmpty || !retryEvents.isEmpty {
      if maxRetries.isEmpty { errors["maxRetries"] = "required for a retry policy" }
      if perRetryTimeout.isEmpty { errors["perRetryTimeout"] = "required for a retry policy" }
      if let retries, let perTry {
        let events = RetryEvent.allCases.filter { retryEvents.contains($0.rawValue) }
        policy = RetryPolicyConfig(maxRetries: retries, perRetryTimeout: perTry, events: events)
      }
    }
    guard errors.isEmpty else { return }
    var http = route.httpRoute
    http.weightedTargets = targets
    http.retryPolicy = policy
    let idle = http.timeout?.idle
    http.timeout =
      timeout == nil && idle == nil ? nil : TimeoutConfig(perRequest: timeout, idle: idle)
    route.httpRoute = http
  }

  /// Records the mesh's refusal beside the field it names (`routes[i].spec.httpRoute.…` of
  /// this route); a problem elsewhere in the document goes to ``general``.
  mutating func place(_ error: MeshConfigError, routeIndex: Int, targets: [WeightedTargetConfig]) {
    let prefix = "routes[\(routeIndex)].spec.httpRoute."
    guard error.path.hasPrefix(prefix) else {
      errors[Self.general] = error.description
      return
    }
    let field = String(error.path.dropFirst(prefix.count))
    let name: String
    if field.hasPrefix("action.weightedTargets["),
      let index = Int(field.dropFirst("action.weightedTargets[".count).prefix { $0.isNumber }),
      targets.indices.contains(index)
    {
      name = "weight.\(targets[index].virtualNode)"
    } else if field.hasPrefix("retryPolicy.maxRetries") {
      name = "maxRetries"
    } else if field.hasPrefix("retryPolicy.perRetryTimeout") {
      name = "perRetryTimeout"
    } else if field.hasPrefix("retryPolicy") {
      name = "retryEvents"
    } else if field.hasPrefix("timeout.perRequest") {
      name = "perRequest"
    } else if field.hasPrefix("action") {
      name = "weights"
    } else {
      name = Self.general
    }
    errors[name] = error.message
  }
}
