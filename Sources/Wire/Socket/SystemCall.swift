import Glibc

/// An error from a system call: the call's name and `errno`.
public struct SystemCallError: Error, CustomStringConvertible, Sendable {
  public let call: String
  public let errno: Int32

  public init(_ call: String, errno: Int32) {
    self.call = call
    self.errno = errno
  }

  public var description: String { "\(call): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// The one wrapper every system call goes through: retries on `EINTR`, throws on `-1`.
/// - Returns: the call's non-negative result.
@inline(__always)
@discardableResult
public func systemCall<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SystemCallError)
  -> T
{
  while true {
    let result = body()
    if result >= 0 { return result }
    let code = Glibc.errno
    if code == EINTR { continue }
    throw SystemCallError(name, errno: code)
  }
}

/// Like ``systemCall(_:_:)`` but answers `nil` when the call would block (`EAGAIN`/`EWOULDBLOCK`).
@inline(__always)
public func nonBlockingCall<T: BinaryInteger>(_ name: String, _ body: () -> T)
  throws(SystemCallError) -> T?
{
  while true {
    let result = body()
    if result >= 0 { return result }
    let code = Glibc.errno
    if code == EINTR { continue }
    if code == EAGAIN || code == EWOULDBLOCK { return nil }
    throw SystemCallError(name, errno: code)
  }
}
