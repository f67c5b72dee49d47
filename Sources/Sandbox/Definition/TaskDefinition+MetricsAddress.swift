import Wire

extension TaskDefinition {
  /// `metricsAddress` must become a numeric IPv4 `host:port` once its `{port:CONTAINER.NAME}`
  /// placeholders are filled in; only ports of named containers may appear (no `{bin}`, no
  /// own-port `{port:NAME}`: the address belongs to the task, not to one container).
  func validateMetricsAddress(ports: [String: Set<String>]) throws(TaskDefinitionError) {
    guard let metricsAddress else { return }
    guard metricsAddress.utf8.count <= 128 else {
      throw TaskDefinitionError(field: "metricsAddress", "must be at most 128 bytes")
    }
    for placeholder in Placeholder.all(in: metricsAddress) {
      guard case .port(let container?, let port) = placeholder else {
        throw TaskDefinitionError(
          field: "metricsAddress", "only {port:CONTAINER.NAME} placeholders are allowed")
      }
      guard ports[container]?.contains(port) == true else {
        throw TaskDefinitionError(
          field: "metricsAddress", "unknown port '\(port)' of '\(container)'")
      }
    }
    guard resolvedMetricsAddress(ports: { _, _ in 1 }) != nil else {
      throw TaskDefinitionError(
        field: "metricsAddress",
        "must be a numeric IPv4 host:port such as 127.0.0.1:{port:metrics.statsd}")
    }
  }

  /// `metricsAddress` with its placeholders filled in by `port(container, name)`; `nil` when
  /// there is none or it is not an IPv4 address.
  func resolvedMetricsAddress(ports port: (String, String) -> UInt16?) -> SocketAddress? {
    guard let metricsAddress else { return nil }
    let text = Placeholder.substitute(metricsAddress) { placeholder in
      guard case .port(let container?, let name) = placeholder else { return "" }
      return port(container, name).map(String.init) ?? ""
    }
    guard let address = SocketAddress(text), address.family == .v4, address.port != 0 else {
      return nil
    }
    return address
  }
}
