import Synchronization
import Telemetry
import Wire

/// The network toxics in force on one sidecar (Toxiproxy's model, see ``Toxic``) and their
/// admin API, shaped as Toxiproxy's `/proxies/{proxy}/toxics`:
/// - `GET /toxics`: the toxics as a JSON array;
/// - `POST /toxics` with one toxic: 200 with the toxic as stored; 400 naming the field at
///   fault, 409 when the name is taken or 32 toxics are already set;
/// - `DELETE /toxics/{name}`: 204, or 404 when there is none of that name.
///
/// The toxics are held apart from the routes, so a configuration reload keeps them.
public final class ToxicRegistry: Sendable {
  /// The most toxics one sidecar holds.
  public static let maximumCount = 32
  /// The largest `POST /toxics` body.
  public static let maximumBodySize = 16 * 1024

  private let toxics = Mutex<[Toxic]>([])
  private let proxies: [ProxyServer]

  /// Toxics set here are put in force on every one of `proxies` (its ingress and egress).
  public init(proxies: [ProxyServer]) { self.proxies = proxies }

  /// Why a toxic was not added.
  public enum Refusal: Error, Equatable, Sendable {
    case nameTaken(String)
    case full
  }

  /// The toxics in force, oldest first.
  public var all: [Toxic] { toxics.withLock { $0 } }

  /// Adds a toxic and puts it in force.
  public func add(_ toxic: Toxic) throws(Refusal) {
    try toxics.withLock { (held: inout [Toxic]) throws(Refusal) in
      guard !held.contains(where: { $0.name == toxic.name }) else {
        throw .nameTaken(toxic.name)
      }
      guard held.count < Self.maximumCount else { throw .full }
      held.append(toxic)
      install(held)
    }
  }

  /// Removes the toxic named `name`. - Returns: whether there was one.
  @discardableResult
  public func remove(named name: String) -> Bool {
    toxics.withLock { held in
      guard let index = held.firstIndex(where: { $0.name == name }) else { return false }
      held.remove(at: index)
      install(held)
      return true
    }
  }

  private func install(_ toxics: [Toxic]) {
    for proxy in proxies { proxy.install(toxics: toxics) }
  }

  /// `GET /toxics`, `POST /toxics` and `DELETE /toxics/:name` for the admin listener.
  public var routes: [Route] {
    [
      Route(.get, "/toxics", .inline { [self] _ in Self.json(.ok, list(all)) }),
      Route(
        .post, "/toxics", bodyLimit: Self.maximumBodySize,
        .inline { [self] request in
          let toxic: Toxic
          do throws(MeshConfigError) {
            toxic = try Toxic(json: request.body)
          } catch {
            return Self.message(.badRequest, error.description)
          }
          do throws(Refusal) {
            try add(toxic)
          } catch .nameTaken(let name) {
            return Self.message(.conflict, "toxic '\(name)' already exists")
          } catch {
            return Self.message(.conflict, "at most \(Self.maximumCount) toxics may be set")
          }
          return Self.json(.ok, toxic.jsonBytes())
        }),
      Route(
        .delete, "/toxics/:name",
        .inline { [self] request in
          let name = request.pathParameters["name"] ?? ""
          guard remove(named: name) else {
            return Self.message(.notFound, "no toxic named '\(name)'")
          }
          return HTTPResponse(status: .noContent)
        }),
    ]
  }

  private func list(_ toxics: [Toxic]) -> [UInt8] {
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    for (index, toxic) in toxics.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += toxic.jsonBytes()
    }
    bytes.append(UInt8(ascii: "]"))
    return bytes
  }

  private static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
    HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: .bytes(body))
  }

  /// Errors as Toxiproxy answers them: `{"error": …, "status": …}`.
  private static func message(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
    var json = JSONWriter()
    json.beginObject()
    json.key("error")
    json.string(text)
    json.key("status")
    json.int(status.code)
    json.endObject()
    return Self.json(status, json.bytes)
  }
}
