/// A complete response read by ``HTTPClient``: the final head (interim 1xx skipped) and the
/// whole body, de-chunked.
public struct HTTPClientResponse: Sendable {
  public var head: HTTPResponseHead
  public var body: [UInt8]

  public init(head: HTTPResponseHead, body: [UInt8] = []) {
    self.head = head
    self.body = body
  }

  public var status: HTTPStatus { head.status }
  public var headers: HTTPHeaders { head.headers }
}
