/// One spawned process as recorded in `<root>/<sandboxID>/pids`: enough to find it again
/// after the server crashed, and to tell it from a later process that reused its pid.
struct PidRecord: Equatable {
  var pid: Int32
  var processGroup: Int32
  /// Field 22 of `/proc/PID/stat` when it was spawned.
  var startTicks: UInt64
}
