import Glibc
import Testing
import Wire

@testable import Sandbox

@Suite struct PortAllocatorTests {
  @Test func allocate_distinctUntilReleased() throws {
    let allocator = PortAllocator(range: 47_000...47_009)
    let first = try allocator.allocate(4)
    let second = try allocator.allocate(4)
    #expect(Set(first).count == 4)
    #expect(Set(first).isDisjoint(with: second))
    allocator.release(first)
    #expect(allocator.held == Set(second))
  }

  @Test func allocate_skipsPortsInUseAndFailsWhenExhausted() throws {
    let busy = try Socket.listen(on: SocketAddress(host: "127.0.0.1", port: 0)!)
    defer { close(busy) }
    let port = try SocketAddress.local(of: busy).port
    let allocator = PortAllocator(range: port...port)
    #expect(throws: SandboxError.portsExhausted) { try allocator.allocate(1) }
    #expect(allocator.held.isEmpty)
  }

  /// A port another process's trace daemon or metrics agent holds for UDP is taken too.
  @Test func allocate_skipsPortsHeldForDatagrams() throws {
    let busy = try Socket.boundUDP(on: SocketAddress(host: "127.0.0.1", port: 0)!)
    defer { close(busy) }
    let port = try SocketAddress.local(of: busy).port
    let allocator = PortAllocator(range: port...port)
    #expect(throws: SandboxError.portsExhausted) { try allocator.allocate(1) }
  }
}
