import Telemetry

/// What a batch of documents changes in one trace's summary row, merged in memory so each trace
/// costs one upsert per batch: earliest start, latest end, any fault/error/throttle, and the
/// root segment's HTTP data and response time.
struct TraceSummaryUpdate {
  var startTime: Double
  var endTime: Double?
  var fault = false
  var error = false
  var throttle = false
  /// The root segment's name, HTTP data and response time (only these, so a batch does not
  /// copy whole records).
  var rootName: String?
  var rootHTTP: XRayHTTP?
  var rootResponseTime: Double?

  /// Starts from the record at `record` (read in place, see ``TraceStore/insert(_:)``).
  init(_ record: UnsafePointer<SegmentRecord>) {
    startTime = record.pointee.startTime
    endTime = record.pointee.endTime
    merge(record)
  }

  mutating func merge(_ record: UnsafePointer<SegmentRecord>) {
    startTime = min(startTime, record.pointee.startTime)
    if let end = record.pointee.endTime { endTime = max(endTime ?? end, end) }
    fault = fault || record.pointee.fault
    error = error || record.pointee.error
    throttle = throttle || record.pointee.throttle
    if record.pointee.parentID == nil, !record.pointee.isSubsegment {
      rootName = record.pointee.name
      rootHTTP = record.pointee.http
      rootResponseTime = record.pointee.responseTime
    }
  }
}
