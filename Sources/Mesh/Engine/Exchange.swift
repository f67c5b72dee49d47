import Glibc
import Telemetry
import Wire

/// One request/response pair going through the proxy: what the access log and stats need,
/// kept on the downstream connection while the exchange lasts. A class, so the hot path
/// updates it in place instead of copying it out and back.
final class Exchange {
  /// The route taken (`%ROUTE_NAME%`), `nil` when none matched.
  let routeName: String?
  var cluster: UpstreamCluster?
  var host: UpstreamHost?
  /// Monotonic nanoseconds when the request head was parsed.
  let start: UInt64
  /// Wall-clock time of the start, for `%START_TIME%` (read only when logging).
  let wallStart: timespec
  /// When the request head went upstream, for `x-envoy-upstream-service-time`.
  var upstreamStart: UInt64 = 0
  var serviceTimeMilliseconds: Int?
  /// A try is out at an upstream (counted in the cluster's `upstream_rq_active`).
  var tryActive = false
  /// The route's retry policy with the request's `x-envoy-retry-on`/`x-envoy-max-retries`.
  var retryPolicy = RetryPolicy.none
  /// Per-try timeout in nanoseconds, if any.
  var perTryTimeout: UInt64?
  /// Retries made so far.
  var retries = 0
  /// Only a request without a body can be sent again (nothing of it is kept).
  var canResend = false
  /// The trace this request belongs to and this hop's segment id, when tracing.
  var trace: (context: TraceContext, segment: SpanID)?
  /// The network toxics were drawn for the current try.
  var toxicsDrawn = false
  /// What they do to it, when one acts.
  var toxicPlan: ToxicPlan?
  /// When the route timeout passes (set when the request has been sent); 0 for never.
  var routeDeadline: UInt64 = 0
  /// The route's stream idle timeout (App Mesh's `timeout.idle`, Envoy's route
  /// `idle_timeout`) in nanoseconds; 0 disables it.
  var idleTimeout: UInt64 = 0
  /// When the stream has been idle too long: pushed back by every byte from the upstream
  /// while the request waits for or streams its response; 0 while not running.
  var idleDeadline: UInt64 = 0
  /// When the current try's per-try timeout passes; 0 for none.
  var tryDeadline: UInt64 = 0

  init(
    routeName: String?, start: UInt64, wallStart: timespec, keepAlive: Bool,
    routeTimeout: UInt64
  ) {
    self.routeName = routeName
    self.start = start
    self.wallStart = wallStart
    self.keepAlive = keepAlive
    self.routeTimeout = routeTimeout
  }
  /// The downstream connection stays open afterwards (RFC 9112 §9.3).
  var keepAlive: Bool
  /// Envoy's route timeout in nanoseconds; 0 disables it.
  var routeTimeout: UInt64
  var status = 0
  var flags: ResponseFlags = []
  var responseStarted = false
  var responseComplete = false
  var requestComplete = false
  /// Body bytes from the client and bytes sent to it (Envoy's `%BYTES_RECEIVED%`/`%BYTES_SENT%`).
  var bytesReceived = 0
  var bytesSent = 0
}
