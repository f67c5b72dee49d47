import Glibc
import Telemetry
import Wire

/// The agent's HTTP API as routes, so `sidecarlab metrics` serves them and the lab server can
/// mount them for a learner's sandbox:
///
/// - `GET /api/v1/metrics/query?name=&labels=k:v,k2:v2&stat=&start=&end=&step=` →
///   `{"series":[{"name":…,"labels":{…},"points":[[t,v],…]}]}`; `name` may list up to
///   ``maxNames`` names separated by commas (one round trip for a dashboard chart; a metric
///   name never holds a comma); `start`/`end` in Unix seconds (default: the last hour), `step`
///   in seconds (default: a point per minute, or per second for an hour or less)
/// - `GET /api/v1/metrics/condition?expr=` → `{"holds":…,"observed":…|null}`: a
///   ``MetricCondition`` evaluated on the store now (the labs' `metric` check)
/// - `GET /metrics` → the store in Prometheus text format 0.0.4
/// - `GET /api/v1/alarms`, `GET|PUT|DELETE /api/v1/alarms/NAME`,
///   `GET /api/v1/alarms/NAME/history` → CloudWatch-shaped alarms (DescribeAlarms,
///   PutMetricAlarm, DeleteAlarms, DescribeAlarmHistory)
/// - `GET /stats` → intake counts
///
/// Bad parameters answer 400 with a message that starts with the parameter's name.
public struct MetricsAPI: Sendable {
  /// Most names one query may list.
  public static let maxNames = 32

  public let store: MetricStore
  public let alarms: AlarmRegistry
  /// Prefixed to every path (e.g. `/sandboxes/:id/metrics` when mounted by the lab server).
  public let prefix: String

  public init(store: MetricStore, alarms: AlarmRegistry, prefix: String = "") {
    self.store = store
    self.alarms = alarms
    self.prefix = prefix
  }

  public var routes: [Route] {
    [
      Route(.get, prefix + "/api/v1/metrics/query", .task { [self] in try query($0) }),
      Route(
        .get, prefix + "/api/v1/metrics/condition", .task { [self] in try condition($0) }),
      Route(
        .get, prefix + "/metrics",
        .task { [store] _ in
          HTTPResponse(
            contentType: "text/plain; version=0.0.4; charset=utf-8", text: store.prometheusText())
        }),
      Route(
        .get, prefix + "/stats", .inline { [store] _ in Self.json(Self.stats(store.statistics())) }),
      Route(
        .get, prefix + "/api/v1/alarms",
        .inline { [alarms] _ in Self.json(Self.alarmList(alarms.all())) }),
      Route(.get, prefix + "/api/v1/alarms/:name", .inline { [self] in try describeAlarm($0) }),
      Route(
        .put, prefix + "/api/v1/alarms/:name", bodyLimit: 64 * 1024,
        .task { [self] in try putAlarm($0) }),
      Route(.delete, prefix + "/api/v1/alarms/:name", .inline { [self] in try deleteAlarm($0) }),
      Route(
        .get, prefix + "/api/v1/alarms/:name/history", .inline { [self] in try alarmHistory($0) }),
    ]
  }

  /// Significant digits of a quantile as written: its estimate is a bin's representative,
  /// within ``LogHistogram/relativeAccuracy`` (≈ 1 %) of the true value, so digits past the
  /// fourth are noise — and would double a day-long answer's size.
  static let quantileDigits = 4

  func query(_ request: HTTPRequest) throws -> HTTPResponse {
    do {
      let parameters = try QueryParameters(request.query)
      guard let nameList = parameters["name"], !nameList.isEmpty else {
        throw MetricQueryError(parameter: "name", "is required")
      }
      let names = nameList.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard names.count <= Self.maxNames else {
        throw MetricQueryError(parameter: "name", "lists more than \(Self.maxNames) names")
      }
      let statText = parameters["stat"] ?? "avg"
      guard let statistic = Statistic(rawValue: statText) else {
        throw MetricQueryError(
          parameter: "stat",
          "wants one of \(Statistic.allCases.map(\.rawValue).joined(separator: ", ")), got '\(statText)'"
        )
      }
      let now = Int64(store.clock.now().rounded(.down))
      let end = try parameters.seconds("end", default: now + 1)
      let start = try parameters.seconds("start", default: end - 3600)
      let step = try parameters.seconds("step", default: end - start > 3600 ? 60 : 1)
      let labels = try parameters.labels("labels")
      let queries = try names.map { name throws(MetricQueryError) in
        try MetricQuery(
          name: name, labels: labels, statistic: statistic, start: start, end: end, step: step)
      }
      let answers = queries.map { query in (query, store.query(query)) }
      var writer = JSONWriter()
      // A point is about 24 bytes ("[1795869900,123.5],"): one allocation for the answer.
      writer.reserveCapacity(
        answers.reduce(64) { $0 + $1.1.reduce(0) { $0 + 64 + 24 * $1.points.count } })
      writer.beginObject()
      writer.key("series")
      writer.beginArray()
      for (query, answer) in answers {
        for series in answer {
          writer.beginObject()
          writer.key("name")
          writer.string(query.name)
          writer.key("labels")
          writeLabels(series.labels, into: &writer)
          writer.key("points")
          writer.beginArray()
          let quantile = query.statistic.quantile != nil
          for point in series.points {
            writer.beginArray()
            writer.int(Int(point.time))
            if quantile {
              writer.double(point.value, significantDigits: Self.quantileDigits)
            } else {
              writer.double(point.value)
            }
            writer.endArray()
          }
          writer.endArray()
          writer.endObject()
        }
      }
      writer.endArray()
      writer.endObject()
      return Self.json(writer)
    } catch let error as MetricQueryError {
      throw HTTPError(.badRequest, error.description)
    }
  }

  func condition(_ request: HTTPRequest) throws -> HTTPResponse {
    let parameters: QueryParameters
    do { parameters = try QueryParameters(request.query) } catch {
      throw HTTPError(.badRequest, error.description)
    }
    guard let text = parameters["expr"], !text.isEmpty else {
      throw HTTPError(.badRequest, "expr: is required")
    }
    let condition: MetricCondition
    do { condition = try MetricCondition(parsing: text) } catch {
      throw HTTPError(.badRequest, "expr: \(error.description)")
    }
    let (holds, observed) = condition.evaluate(in: store)
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("holds")
    writer.bool(holds)
    writer.key("observed")
    if let observed, observed.isFinite { writer.double(observed) } else { writer.null() }
    writer.endObject()
    return Self.json(writer)
  }

  func describeAlarm(_ request: HTTPRequest) throws -> HTTPResponse {
    let status = try existingAlarm(request)
    var writer = JSONWriter()
    Self.writeAlarm(status, into: &writer)
    return Self.json(writer)
  }

  func putAlarm(_ request: HTTPRequest) throws -> HTTPResponse {
    let name = request.pathParameters["name"] ?? ""
    do {
      let created = try alarms.put(AlarmDefinition(json: request.body, name: name))
      var response = try describeAlarm(request)
      response.status = created ? .created : .ok
      return response
    } catch let error as AlarmDefinitionError {
      throw HTTPError(.badRequest, error.description)
    }
  }

  func deleteAlarm(_ request: HTTPRequest) throws -> HTTPResponse {
    guard alarms.delete(request.pathParameters["name"] ?? "") else {
      throw HTTPError(.notFound, "no alarm named '\(request.pathParameters["name"] ?? "")'")
    }
    return HTTPResponse(status: .noContent)
  }

  func alarmHistory(_ request: HTTPRequest) throws -> HTTPResponse {
    let status = try existingAlarm(request)
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("AlarmHistoryItems")
    writer.beginArray()
    for transition in status.history.reversed() {
      writer.beginObject()
      writer.key("AlarmName")
      writer.string(status.definition.alarmName)
      writer.key("Timestamp")
      writer.double(transition.time)
      writer.key("HistoryItemType")
      writer.string(transition.kind.rawValue)
      writer.key("HistorySummary")
      writer.string(transition.summary)
      writer.key("OldState")
      if let old = transition.oldState { writer.string(old.rawValue) } else { writer.null() }
      writer.key("NewState")
      writer.string(transition.newState.rawValue)
      writer.key("Reason")
      writer.string(transition.reason)
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return Self.json(writer)
  }

  private func existingAlarm(_ request: HTTPRequest) throws -> AlarmStatus {
    let name = request.pathParameters["name"] ?? ""
    guard let status = alarms.alarm(named: name) else {
      throw HTTPError(.notFound, "no alarm named '\(name)'")
    }
    return status
  }

  private func writeLabels(_ labels: [Label], into writer: inout JSONWriter) {
    writer.beginObject()
    for label in labels {
      writer.key(label.name)
      writer.string(label.value)
    }
    writer.endObject()
  }

  static func alarmList(_ statuses: [AlarmStatus]) -> JSONWriter {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("MetricAlarms")
    writer.beginArray()
    for status in statuses { writeAlarm(status, into: &writer) }
    writer.endArray()
    writer.endObject()
    return writer
  }

  static func writeAlarm(_ status: AlarmStatus, into writer: inout JSONWriter) {
    writer.beginObject()
    status.definition.writeFields(into: &writer)
    writer.key("StateValue")
    writer.string(status.state.rawValue)
    writer.key("StateReason")
    writer.string(status.reason)
    writer.key("StateUpdatedTimestamp")
    writer.double(status.updated)
    writer.endObject()
  }

  static func stats(_ stats: IntakeStats) -> JSONWriter {
    var writer = JSONWriter()
    writer.beginObject()
    for (key, value) in [
      ("datagrams", stats.datagrams),
      ("lines", stats.accepted + stats.malformedTotal + stats.refusedSeries),
      ("accepted", stats.accepted), ("malformed", stats.malformedTotal),
      ("refused_series", stats.refusedSeries), ("series", stats.series),
      ("scrapes", stats.scrapes), ("scrape_failures", stats.scrapeFailures),
    ] {
      writer.key(key)
      writer.int(value)
    }
    writer.key("malformed_by_reason")
    writer.beginObject()
    for reason in StatsDError.allCases {
      writer.key(reason.rawValue)
      writer.int(stats.malformed[reason] ?? 0)
    }
    writer.endObject()
    writer.endObject()
    return writer
  }

  static func json(_ writer: JSONWriter) -> HTTPResponse {
    HTTPResponse(
      headers: ["Content-Type": "application/json"], body: .bytes(writer.bytes))
  }
}
