/// Bytes for an ``Aggregate``, so minute buckets persist in SQLite exactly: a kind byte, then
/// doubles as 8 little-endian bytes, counts as LEB128 varints and histogram bin indices as
/// varint steps from the previous index (zigzag for the first), so a bin costs 2-3 bytes.
/// Decoding checks every length and refuses anything that is not a well-formed bucket.
enum BucketCoder {
  static func encode(_ bucket: Aggregate) -> [UInt8] {
    var writer = ByteWriter()
    switch bucket {
    case .counter(let sum):
      writer.byte(0)
      writer.double(sum)
    case .gauge(let summary):
      writer.byte(1)
      for value in [summary.last, summary.min, summary.max, summary.sum] { writer.double(value) }
      writer.varint(summary.count)
    case .set(let members):
      writer.byte(2)
      writer.varint(UInt64(members.count))
      for member in members.sorted() { writer.integer(member) }
    case .histogram(let histogram):
      writer.byte(3)
      writer.varint(histogram.count)
      for value in [histogram.sum, histogram.min, histogram.max] { writer.double(value) }
      writer.varint(histogram.zeroCount)
      for bins in [histogram.positive, histogram.negative] {
        writer.varint(UInt64(bins.indices.count))
        var previous: Int32?
        for (index, count) in zip(bins.indices, bins.counts) {
          if let previous {
            writer.varint(UInt64(index - previous))
          } else {
            writer.varint(UInt64(UInt32(bitPattern: (index << 1) ^ (index >> 31))))
          }
          previous = index
          writer.varint(count)
        }
      }
    }
    return writer.bytes
  }

  static func decode(_ bytes: [UInt8]) -> Aggregate? {
    var reader = ByteReader(bytes)
    guard let kind = reader.byte() else { return nil }
    let bucket: Aggregate
    switch kind {
    case 0:
      guard let sum = reader.double() else { return nil }
      bucket = .counter(sum)
    case 1:
      guard let last = reader.double(), let min = reader.double(), let max = reader.double(),
        let sum = reader.double(), let count = reader.varint(), count > 0
      else { return nil }
      bucket = .gauge(GaugeSummary(last: last, min: min, max: max, sum: sum, count: count))
    case 2:
      guard let count = reader.varint(), count <= Aggregate.maxSetMembers else { return nil }
      var members = Set<UInt64>()
      for _ in 0..<count {
        guard let member = reader.integer() else { return nil }
        members.insert(member)
      }
      bucket = .set(members)
    case 3:
      guard let count = reader.varint(), let sum = reader.double(), let min = reader.double(),
        let max = reader.double(), let zeroCount = reader.varint(),
        let positive = bins(&reader), let negative = bins(&reader)
      else { return nil }
      bucket = .histogram(
        LogHistogram(
          positive: positive, negative: negative, zeroCount: zeroCount, count: count, sum: sum,
          min: min, max: max))
    default:
      return nil
    }
    return reader.isAtEnd ? bucket : nil
  }

  /// Bins as ``encode(_:)`` writes them: indices strictly ascending, within Int32.
  private static func bins(_ reader: inout ByteReader) -> LogBins? {
    guard let count = reader.varint(), count <= UInt64(reader.remaining / 2) else { return nil }
    var bins = LogBins()
    var previous: Int64?
    for _ in 0..<count {
      guard let raw = reader.varint(), raw <= UInt64(UInt32.max), let binCount = reader.varint()
      else { return nil }
      let index: Int64
      if let previous {
        guard raw > 0 else { return nil }
        index = previous + Int64(raw)
      } else {
        let zigzag = UInt32(raw)
        index = Int64(Int32(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
      }
      guard let narrow = Int32(exactly: index) else { return nil }
      previous = index
      bins.add(narrow, count: binCount)
    }
    return bins
  }
}
