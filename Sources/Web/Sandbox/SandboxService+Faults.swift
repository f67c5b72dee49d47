import DemoApp
import Foundation
import Sandbox
import Wire

extension SandboxService {
  /// The catalog: every kind with its parameters and the containers it applies to.
  var catalog: [[String: Any]] { SandboxFaultKind.all.map { $0.catalogEntry(for: definition) } }

  /// Applies a fault to the learner's running sandbox and records it (committed before this
  /// returns). `params` holds the values given; app kinds get their defaults for the rest.
  /// - Throws: 400 for an unknown kind or target, or parameters the app or agent refuses
  ///   (the message names the field); 409 when the sandbox or target is not running or the
  ///   same fault is already open there; 502 when the app answers something unexpected.
  func apply(learnerID: Int64, kindName: String, target: String, params: [String: Any])
    async throws -> FaultRecord
  {
    guard let kind = SandboxFaultKind(name: kindName) else {
      let names = SandboxFaultKind.all.map(\.name).joined(separator: ", ")
      throw HTTPError(.badRequest, "kind: unknown fault kind; use one of \(names)")
    }
    let targets = kind.targets(in: definition)
    guard targets.contains(target) else {
      throw HTTPError(
        .badRequest,
        "target: \(kind.name) applies to \(targets.joined(separator: ", ")), not the one given")
    }
    let id = Self.sandboxID(learnerID: learnerID)
    guard let status = status(learnerID: learnerID) else { throw Self.noSandbox }
    guard status.phase == .running else {
      throw HTTPError(.conflict, "the sandbox is not running; start it first")
    }
    if !kind.isInstantaneous,
      try history.list(learnerID: learnerID).contains(where: {
        $0.isOpen && $0.kind == kind.name && $0.target == target
      })
    {
      throw HTTPError(
        .conflict, "a \(kind.name) fault on \(target) is already open; end it first")
    }
    let values = try Self.values(for: kind, given: params)
    let text = try Self.jsonText(values)
    switch kind {
    case .app(let appKind):
      try await sendToApp(
        sandboxID: id, target: target, method: .put, kind: appKind, body: Array(text.utf8))
    case .network(let networkKind):
      try await sendToxic(
        sandboxID: id, target: target, kind: networkKind,
        toxic: networkKind.toxic(values.compactMapValues { $0 as? Int }))
    case .freeze:
      try agentCall { try agent.freeze(sandboxID: id, container: target) }
    case .kill:
      let chosen =
        (values["signal"] as? String).flatMap(ProcessSignal.init(rawValue:))
        ?? SandboxFaultKind.defaultSignal
      try agentCall { try agent.kill(sandboxID: id, container: target, signal: chosen) }
    }
    return try history.record(
      learnerID: learnerID, kind: kind.name, target: target, params: text,
      at: clock().timeIntervalSince1970, instantaneous: kind.isInstantaneous)
  }

  /// Ends the learner's own open fault `faultID`: undoes it (an app that no longer has it, for
  /// instance after a restart, or a process that is gone counts as undone) and records the end.
  /// - Throws: 404 for anything but an open fault of this learner.
  func end(learnerID: Int64, faultID: Int64) async throws {
    guard let fault = try history.openFault(id: faultID, learnerID: learnerID),
      let kind = SandboxFaultKind(name: fault.kind)
    else { throw HTTPError(.notFound, "no open fault with that id") }
    let id = Self.sandboxID(learnerID: learnerID)
    agent.touch(sandboxID: id)
    switch kind {
    case .app(let appKind):
      try await sendToApp(
        sandboxID: id, target: fault.target, method: .delete, kind: appKind, body: [])
    case .network(let networkKind):
      try await sendToxic(sandboxID: id, target: fault.target, kind: networkKind, toxic: nil)
    case .freeze:
      try? agent.thaw(sandboxID: id, container: fault.target)
    case .kill:
      break
    }
    try history.end(id: faultID, learnerID: learnerID, at: clock().timeIntervalSince1970)
  }

  /// The values to apply: for app kinds the given ones over the defaults (the app checks
  /// names, types and ranges); network kinds are checked here (``NetworkFault/values(given:)``);
  /// `kill` takes only `signal`, one of ``ProcessSignal``; `freeze`
  /// takes nothing.
  static func values(for kind: SandboxFaultKind, given: [String: Any]) throws(HTTPError)
    -> [String: Any]
  {
    switch kind {
    case .app(let appKind):
      var values: [String: Any] = [:]
      for parameter in appKind.parameters { values[parameter.name] = parameter.defaultValue }
      values.merge(given) { _, new in new }
      return values
    case .network(let networkKind):
      return try networkKind.values(given: given)
    case .freeze:
      if let extra = given.keys.sorted().first {
        throw HTTPError(.badRequest, "\(extra): is not a parameter of freeze")
      }
      return [:]
    case .kill:
      if let extra = given.keys.sorted().first(where: { $0 != "signal" }) {
        throw HTTPError(.badRequest, "\(extra): is not a parameter of kill")
      }
      let signal = given["signal"] ?? SandboxFaultKind.defaultSignal.rawValue
      guard let name = signal as? String, ProcessSignal(rawValue: name) != nil else {
        let names = ProcessSignal.allCases.map(\.rawValue).joined(separator: ", ")
        throw HTTPError(.badRequest, "signal: must be one of \(names)")
      }
      return ["signal": name]
    }
  }

  /// `values` as compact JSON with sorted keys, at most what the control endpoint accepts.
  static func jsonText(_ values: [String: Any]) throws(HTTPError) -> String {
    guard JSONSerialization.isValidJSONObject(values),
      let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]),
      data.count <= ControlEndpoint.maxBody
    else { throw HTTPError(.badRequest, "params: must be a small JSON object of values") }
    return String(decoding: data, as: UTF8.self)
  }

  /// Runs an agent fault call, its refusals as HTTP errors.
  private func agentCall(_ body: () throws -> Void) throws(HTTPError) {
    do { try body() } catch { throw Self.httpError(error) }
  }

  /// `POST /toxics` (with `toxic`) or `DELETE /toxics/{name}` (without) on the target sidecar's
  /// admin listener. Ending a toxic on a sidecar that is gone or no longer has it is done.
  private func sendToxic(
    sandboxID: String, target: String, kind: NetworkFault, toxic: [String: Any]?
  ) async throws {
    let undoing = toxic == nil
    guard
      let port = agent.status(sandboxID: sandboxID, logLines: 0)?.processes.first(where: {
        $0.name == target && $0.pid != nil
      })?.ports["admin"],
      let address = SocketAddress(host: "127.0.0.1", port: port)
    else {
      if undoing { return }
      throw HTTPError(.conflict, "container '\(target)' is not running")
    }
    let request =
      if let toxic {
        HTTPClientRequest(
          method: .post, target: "/toxics", headers: ["Content-Type": "application/json"],
          body: Array(try Self.jsonText(toxic).utf8))
      } else {
        HTTPClientRequest(method: .delete, target: "/toxics/\(kind.toxicName)")
      }
    let response: HTTPClientResponse
    do {
      response = try await client.send(request, to: address)
    } catch {
      if undoing { return }
      throw HTTPError(.badGateway, "\(target) did not answer its admin listener: \(error)")
    }
    switch response.status.code {
    case 200, 201, 204: return
    case 404 where undoing: return
    case 400, 409:
      throw HTTPError(.badRequest, Self.refusal(response.body, or: "the toxic was refused"))
    default:
      throw HTTPError(.badGateway, "\(target) answered \(response.status.code) to the toxic")
    }
  }

  /// The `error` (or `message`) of a JSON refusal, bounded, or `fallback`.
  private static func refusal(_ body: [UInt8], or fallback: String) -> String {
    let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    let message = object?["error"] as? String ?? object?["message"] as? String ?? fallback
    return String(message.prefix(500))
  }

  /// `PUT` or `DELETE /faults/{kind}` on the target's control endpoint with its bearer token.
  /// A `DELETE` the app answers 404, or one that finds no live process, is already undone.
  private func sendToApp(
    sandboxID: String, target: String, method: HTTPMethod, kind: FaultKind, body: [UInt8]
  ) async throws {
    let undoing = method == .delete
    guard let endpoint = agent.controlEndpoint(sandboxID: sandboxID, container: target),
      let address = SocketAddress(host: "127.0.0.1", port: endpoint.port)
    else {
      if undoing { return }
      throw HTTPError(.conflict, "container '\(target)' is not running")
    }
    var headers: HTTPHeaders = ["Authorization": "Bearer \(endpoint.token)"]
    if !undoing { headers.add("Content-Type", "application/json") }
    let response: HTTPClientResponse
    do {
      response = try await client.send(
        HTTPClientRequest(
          method: method, target: "/faults/\(kind.rawValue)", headers: headers, body: body),
        to: address)
    } catch {
      if undoing { return }
      throw HTTPError(.badGateway, "\(target) did not answer its control endpoint: \(error)")
    }
    switch response.status.code {
    case 200, 204: return
    case 404 where undoing: return
    case 400:
      throw HTTPError(.badRequest, Self.refusal(response.body, or: "the parameters were refused"))
    default:
      throw HTTPError(.badGateway, "\(target) answered \(response.status.code) to the fault")
    }
  }
}
