import Wire

extension HostDiscovery {
  /// Bounds of a `--resolve` table.
  public static let maximumNames = 64
  public static let maximumAddressesPerName = 16
  public static let maximumResolveLength = 16 * 1024

  /// A `--resolve` text that cannot be used, saying which entry is at fault.
  public struct ResolveError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// Parses a name table written `NAME=ADDR[,ADDR…];NAME=…` (`swan.demo.local=127.0.0.1:9000;
  /// unicorn-v1.demo.local=127.0.0.1:9001,127.0.0.1:9002`): at most 64 names, each a DNS name
  /// (RFC 1123) given once, with 1–16 numeric `host:port` addresses.
  public static func names(resolving text: String) throws(ResolveError) -> [String: [SocketAddress]]
  {
    guard text.utf8.count <= maximumResolveLength else {
      throw ResolveError(description: "longer than \(maximumResolveLength) bytes")
    }
    var table: [String: [SocketAddress]] = [:]
    let entries = text.split(separator: ";", omittingEmptySubsequences: true)
    guard entries.count <= maximumNames else {
      throw ResolveError(description: "more than \(maximumNames) names")
    }
    for entry in entries {
      let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        throw ResolveError(description: "'\(entry)' is not NAME=ADDR[,ADDR…]")
      }
      let name = String(parts[0].trimmingASCIISpaces())
      guard DNSName.isValid(name) else {
        throw ResolveError(description: "'\(name)' is not a DNS name")
      }
      guard table[name.lowercased()] == nil else {
        throw ResolveError(description: "'\(name)' is given twice")
      }
      let addresses = parts[1].split(separator: ",", omittingEmptySubsequences: false)
      guard (1...maximumAddressesPerName).contains(addresses.count) else {
        throw ResolveError(
          description: "'\(name)' wants 1–\(maximumAddressesPerName) addresses")
      }
      table[name.lowercased()] = try addresses.map { text throws(ResolveError) in
        let trimmed = String(text.trimmingASCIISpaces())
        guard let address = SocketAddress(trimmed) else {
          throw ResolveError(
            description: "'\(trimmed)' for '\(name)' is not a numeric host:port address")
        }
        return address
      }
    }
    return table
  }
}
