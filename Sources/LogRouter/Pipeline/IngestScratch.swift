/// Buffers one input thread reuses from batch to batch (one per output route), so serializing
/// a batch allocates nothing once they have grown to a batch's size. Owned by one thread.
final class IngestScratch {
  let pending: [ByteBuffer]

  init(routes: Int) {
    pending = (0..<routes).map { _ in ByteBuffer(capacity: 256 * 1024) }
  }
}
