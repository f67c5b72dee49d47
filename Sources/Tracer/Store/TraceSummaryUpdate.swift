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
  /// The root segment's name, the HTTP data a summary row keeps, and its response time (only
  /// these, so a batch copies no whole records nor HTTP blocks).
  var rootName: String?
  var rootMethod: String?
  var rootURL: String?
  var rootStatus: Int?
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
      rootMethod = record.pointee.http.method
      rootURL = record.pointee.http.url
      rootStatus = record.pointee.http.status
      rootResponseTime = record.pointee.responseTime
    }
  }
}
