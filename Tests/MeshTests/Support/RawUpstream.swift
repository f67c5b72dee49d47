import Glibc
import Synchronization
import Wire

/// An upstream that speaks raw bytes, for behaviours a real server would not show: it reads
/// each request head, records it, then does what `behaviour` says for that request. Runs on
/// its own thread; `stop()` ends it and closes every socket.
final class RawUpstream: Sendable {
  enum Action: Sendable {
    /// Sends these bytes and keeps the connection.
    case respond([UInt8])
    /// Sends these bytes, then closes.
    case respondAndClose([UInt8])
    /// Closes without answering.
    case close
    /// Never answers (until stopped).
    case silence
    /// Sends each piece after `pause` (this upstream serves nothing else meanwhile).
    case trickle([[UInt8]], pause: Duration)
  }

  let address: SocketAddress
  private let listener: Int32
  private let requests = Mutex<[String]>([])
  private let connections = Atomic<Int>(0)
  private let stopping = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  /// - Parameter behaviour: the action for the n-th request (0-based) received overall.
  init(_ behaviour: @escaping @Sendable (Int) -> Action) throws {
    listener = try Socket.listen(on: SocketAddress("127.0.0.1:0")!)
    address = try SocketAddress.local(of: listener)
    LoopThread.detached(name: "raw-upstream") { [self] in serve(behaviour) }
  }

  /// Request heads received so far, in order.
  var receivedHeads: [String] { requests.withLock { $0 } }
  var connectionCount: Int { connections.load(ordering: .relaxed) }

  func stop() {
    stopping.store(true, ordering: .relaxed)
    while !finished.load(ordering: .acquiring) { usleep(1000) }
    Glibc.close(listener)
  }

  private func serve(_ behaviour: @Sendable (Int) -> Action) {
    var clients: [(descriptor: Int32, buffer: [UInt8])] = []
    defer {
      for client in clients { Glibc.close(client.descriptor) }
      finished.store(true, ordering: .releasing)
    }
    while !stopping.load(ordering: .relaxed) {
      var pollers = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
      pollers += clients.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
      guard poll(&pollers, nfds_t(pollers.count), 10) > 0 else { continue }
      var index = clients.count - 1
      while index >= 0 {
        defer { index -= 1 }
        guard pollers[index + 1].revents != 0 else { continue }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes {
          recv(clients[index].descriptor, $0.baseAddress, $0.count, 0)
        }
        if count <= 0 {
          Glibc.close(clients[index].descriptor)
          clients.remove(at: index)
          continue
        }
        clients[index].buffer += chunk[..<count]
        while let end = headEnd(clients[index].buffer) {
          let head = String(decoding: clients[index].buffer[..<end], as: UTF8.self)
          clients[index].buffer.removeFirst(end)
          let number = requests.withLock { list in
            list.append(head)
            return list.count - 1
          }
          if !act(behaviour(number), on: clients[index].descriptor) {
            Glibc.close(clients[index].descriptor)
            clients.remove(at: index)
            break
          }
        }
      }
      if pollers[0].revents != 0 {
        let descriptor = accept(listener, nil, nil)
        if descriptor >= 0 {
          connections.add(1, ordering: .relaxed)
          clients.append((descriptor, []))
        }
      }
    }
  }

  /// Does `action`; returns whether the connection stays open.
  private func act(_ action: Action, on descriptor: Int32) -> Bool {
    switch action {
    case .respond(let bytes):
      _ = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      return true
    case .respondAndClose(let bytes):
      _ = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      return false
    case .close:
      return false
    case .silence:
      return true
    case .trickle(let pieces, let pause):
      for piece in pieces {
        usleep(UInt32(pause.components.attoseconds / 1_000_000_000_000))
        _ = piece.withUnsafeBytes {
          Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
      }
      return true
    }
  }
}
