/// Why a document or datagram was refused. Each reason is counted under its `rawValue` in the
/// tracer's statistics, so nothing is dropped silently.
public enum SegmentRejection: String, Error, Sendable, CaseIterable, Hashable {
  /// Over the daemon's 64 kB datagram limit (X-Ray developer guide, "Sending segment documents").
  case tooLarge = "too_large"
  /// The datagram did not start with `{"format": "json", "version": 1}` and a newline.
  case invalidHeader = "invalid_header"
  case invalidJSON = "invalid_json"
  case tooDeep = "too_deep"
  case notAnObject = "not_an_object"
  case invalidTraceID = "invalid_trace_id"
  case invalidID = "invalid_id"
  case invalidParentID = "invalid_parent_id"
  case invalidName = "invalid_name"
  case invalidStartTime = "invalid_start_time"
  case invalidEndTime = "invalid_end_time"
  case invalidSubsegment = "invalid_subsegment"
  case invalidHTTP = "invalid_http"
  case invalidAnnotation = "invalid_annotation"
  case invalidFlag = "invalid_flag"
  case invalidSpan = "invalid_span"
}
