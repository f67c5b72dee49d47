import Wire

/// One HTTP health check (ECS semantics): GET the path on 127.0.0.1 with `Connection: close`;
/// it passes on a 2xx status within the timeout (connect and response each bounded).
enum HealthProbe {
  static func check(port: UInt16, path: String, timeoutMillis: Int) -> Bool {
    guard let address = SocketAddress(host: "127.0.0.1", port: port) else { return false }
    var configuration = HTTPClient.Configuration()
    configuration.connectTimeout = .milliseconds(timeoutMillis)
    configuration.responseTimeout = .milliseconds(timeoutMillis)
    configuration.maxIdleConnectionsPerHost = 0
    configuration.maxResponseBody = 64 * 1024
    let client = HTTPClient(configuration: configuration)
    defer { client.close() }
    var headers = HTTPHeaders()
    headers.add("Connection", "close")
    guard
      let response = try? client.send(
        HTTPClientRequest(target: path, headers: headers), to: address)
    else {
      return false
    }
    return (200..<300).contains(response.status.code)
  }
}
