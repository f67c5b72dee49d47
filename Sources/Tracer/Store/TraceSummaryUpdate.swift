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

  init(_ record: SegmentRecord) {
    startTime = record.startTime
    endTime = record.endTime
    merge(record)
  }

  mutating func merge(_ record: SegmentRecord) {
    startTime = min(startTime, record.startTime)
    if let end = record.endTime { endTime = max(endTime ?? end, end) }
    fault = fault || record.fault
    error = error || record.error
    throttle = throttle || record.throttle
    if record.parentID == nil, !record.isSubsegment {
      rootName = record.name
      rootHTTP = record.http
      rootResponseTime = record.responseTime
    }
  }
}
