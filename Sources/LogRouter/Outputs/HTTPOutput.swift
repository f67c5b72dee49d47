import Wire

/// Fluent Bit's `http` output: `POST`s each chunk to `URI` as JSON lines
/// (`application/x-ndjson`) or as one JSON array (`Format json`). 2xx is delivered; 429, 5xx
/// and connection failures are retried; other statuses are errors (the receiver refused).
final class HTTPOutput: OutputPlugin {
  private let client: HTTPClient
  private let address: SocketAddress
  private let uri: String
  private let jsonArray: Bool

  init(
    address: SocketAddress, uri: String, jsonArray: Bool, responseTimeout: Duration = .seconds(30)
  ) {
    var configuration = HTTPClient.Configuration()
    configuration.responseTimeout = responseTimeout
    client = HTTPClient(configuration: configuration)
    self.address = address
    self.uri = uri
    self.jsonArray = jsonArray
  }

  func deliver(_ chunk: Chunk) -> OutputResult {
    let request = HTTPClientRequest(
      method: .post, target: uri,
      headers: ["Content-Type": jsonArray ? "application/json" : "application/x-ndjson"],
      body: jsonArray ? Self.array(chunk.bytes) : chunk.bytes)
    do {
      let response = try client.send(request, to: address)
      switch response.status.code {
      case 200..<300: return .ok
      case 429, 500..<600, 408: return .retry("HTTP \(response.status.code)")
      default: return .error("HTTP \(response.status.code)")
      }
    } catch {
      return .retry("\(error)")
    }
  }

  /// JSON lines as one array: `[line,line]`.
  static func array(_ lines: [UInt8]) -> [UInt8] {
    var body: [UInt8] = [UInt8(ascii: "[")]
    body.reserveCapacity(lines.count + 2)
    var first = true
    for line in lines.split(separator: 0x0A, omittingEmptySubsequences: true) {
      if !first { body.append(UInt8(ascii: ",")) }
      first = false
      body.append(contentsOf: line)
    }
    body.append(UInt8(ascii: "]"))
    return body
  }

  func close() { client.close() }
}
