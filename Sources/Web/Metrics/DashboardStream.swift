import Foundation
import Wire

/// The live refresh behind `GET /dashboard/events`: at once and then every ``interval``, one
/// event `{"charts": [{"id", "svg"}], "alarms": [{"id", "state"}], "problem", "updated"}` —
/// every chart of the page drawn afresh over the window ending now, and each alarm's state.
/// `/static/dashboard.js` swaps them in. Ends when the client goes.
struct DashboardStream: Sendable {
  static let interval = Duration.seconds(5)

  let preset: DashboardRange.Preset
  let learnerID: Int64
  let sandboxes: SandboxService
  let clock: @Sendable () -> Date

  /// Sends events to `writer` until it closes or the task is cancelled.
  func run(to writer: ResponseBodyWriter) async {
    while !Task.isCancelled, !writer.isClosed {
      if let event = try? await event() { writer.write(event.encoded) }
      try? await Task.sleep(for: Self.interval)
    }
  }

  /// One refresh.
  func event() async throws -> ServerSentEvent {
    let range = DashboardRange(preset: preset, now: clock().timeIntervalSince1970)
    let faults = try sandboxes.history.list(learnerID: learnerID)
    let (sandboxes, learnerID) = (sandboxes, learnerID)
    let snapshot = try await BlockingWork.run {
      DashboardSnapshot.take(
        locate: {
          try MetricsAgentClient.locate(in: sandboxes.currentStatus(learnerID: learnerID))
        },
        range: range, withHistory: false)
    }
    let charts = DashboardCharts(data: snapshot.data, faults: faults, range: range)
    let object: [String: Any] = [
      "charts": charts.sections.flatMap(\.charts).map { ["id": $0.id, "svg": $0.chart.svg()] },
      "alarms": (snapshot.alarms ?? []).map { ["id": $0.stateID, "state": $0.state] },
      "problem": snapshot.problem ?? NSNull(),
      "updated": ISOTime.string(clock().timeIntervalSince1970),
    ]
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return ServerSentEvent(data: String(decoding: data, as: UTF8.self))
  }
}
