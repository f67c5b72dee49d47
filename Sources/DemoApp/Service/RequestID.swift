import Telemetry
import Wire

/// The request id every log line carries: the caller's `x-request-id` when it is sane (1–128
/// visible ASCII characters, as Envoy would set it), else a new random one (32 hex digits).
public enum RequestID {
  public static let headerName = "x-request-id"
  public static let maximumLength = 128

  public static func of(_ headers: HTTPHeaders) -> String {
    let values = headers.values(headerName)
    if values.count == 1, let value = values.first, (1...maximumLength).contains(value.utf8.count),
      value.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
    {
      return value
    }
    return SpanID.random().hex + SpanID.random().hex
  }
}
