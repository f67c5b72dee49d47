import Synchronization

/// One stat's storage: a relaxed atomic word, so that an event loop updates it with one
/// uncontended atomic add and the admin thread reads it at any time (Envoy keeps its counters
/// and gauges the same way). Gauges store their signed value's bit pattern.
final class StatCell: Sendable {
  private let word = Atomic<UInt64>(0)

  func add(_ amount: UInt64 = 1) { word.wrappingAdd(amount, ordering: .relaxed) }
  func subtract(_ amount: UInt64 = 1) { word.wrappingSubtract(amount, ordering: .relaxed) }
  func store(_ value: UInt64) { word.store(value, ordering: .relaxed) }

  var value: UInt64 { word.load(ordering: .relaxed) }
  var signedValue: Int64 { Int64(bitPattern: value) }
}
