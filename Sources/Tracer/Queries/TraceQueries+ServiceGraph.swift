import Telemetry
import Wire

extension TraceQueries {
  /// `GetServiceGraph` (`POST /ServiceGraph {StartTime, EndTime}`): `Services[]` with
  /// `ReferenceId, Name, Names, Root, Type, State, Edges[], SummaryStatistics,
  /// ResponseTimeHistogram`, read from the per-minute aggregates. Requests from outside the
  /// traced services start at a `client` node.
  public func serviceGraph(requestBody: [UInt8]) throws(HTTPError) -> [UInt8] {
    let (start, end) = try Self.timeWindow(Self.requestObject(requestBody))
    let graph: ServiceGraph
    do {
      graph = try store.serviceGraph(start: start, end: end)
    } catch {
      throw HTTPError(.serviceUnavailable, "the trace store failed: \(error)")
    }
    return Self.serviceGraphDocument(graph, start: start, end: end)
  }

  static func serviceGraphDocument(_ graph: ServiceGraph, start: Double, end: Double) -> [UInt8] {
    var names = Set(graph.services.keys)
    for edge in graph.edges.keys {
      names.insert(edge.source)
      names.insert(edge.target)
    }
    let ordered = names.sorted()
    let references = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("StartTime")
    writer.double(start)
    writer.key("EndTime")
    writer.double(end)
    writer.key("Services")
    writer.beginArray()
    for name in ordered {
      writer.beginObject()
      writer.key("ReferenceId")
      writer.int(references[name] ?? 0)
      if name.isEmpty {
        writer.key("Name")
        writer.string("client")
        writer.key("Type")
        writer.string("client")
      } else {
        writer.key("Name")
        writer.string(name)
        writer.key("Type")
        writer.string(graph.services[name] == nil ? "remote" : "service")
      }
      writer.key("Names")
      writer.beginArray()
      writer.string(name.isEmpty ? "client" : name)
      writer.endArray()
      writer.key("Root")
      writer.bool(name.isEmpty || graph.edges[ServiceEdge(source: "", target: name)] != nil)
      writer.key("State")
      writer.string("active")
      writer.key("StartTime")
      writer.double(start)
      writer.key("EndTime")
      writer.double(end)
      writer.key("Edges")
      writer.beginArray()
      for (edge, statistics) in graph.edges.filter({ $0.key.source == name })
        .sorted(by: { $0.key.target < $1.key.target })
      {
        writer.beginObject()
        writer.key("ReferenceId")
        writer.int(references[edge.target] ?? 0)
        writer.key("StartTime")
        writer.double(start)
        writer.key("EndTime")
        writer.double(end)
        write(statistics, to: &writer)
        writer.key("Aliases")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
      }
      writer.endArray()
      if let statistics = graph.services[name] { write(statistics, to: &writer) }
      writer.endObject()
    }
    writer.endArray()
    writer.key("ContainsOldGroupVersions")
    writer.bool(false)
    writer.endObject()
    return writer.bytes
  }

  /// `SummaryStatistics{OkCount, ErrorStatistics{ThrottleCount, OtherCount, TotalCount},
  /// FaultStatistics{OtherCount, TotalCount}, TotalCount, TotalResponseTime}` and
  /// `ResponseTimeHistogram[{Value, Count}]`.
  static func write(_ statistics: GraphStatistics, to writer: inout JSONWriter) {
    writer.key("SummaryStatistics")
    writer.beginObject()
    writer.key("OkCount")
    writer.int(statistics.okCount)
    writer.key("ErrorStatistics")
    writer.beginObject()
    writer.key("ThrottleCount")
    writer.int(statistics.throttleCount)
    writer.key("OtherCount")
    writer.int(statistics.errorOtherCount)
    writer.key("TotalCount")
    writer.int(statistics.throttleCount + statistics.errorOtherCount)
    writer.endObject()
    writer.key("FaultStatistics")
    writer.beginObject()
    writer.key("OtherCount")
    writer.int(statistics.faultCount)
    writer.key("TotalCount")
    writer.int(statistics.faultCount)
    writer.endObject()
    writer.key("TotalCount")
    writer.int(statistics.totalCount)
    writer.key("TotalResponseTime")
    writer.double(statistics.totalResponseTime)
    writer.endObject()
    writer.key("ResponseTimeHistogram")
    writer.beginArray()
    for (value, count) in statistics.histogram.sorted(by: { $0.key < $1.key }) {
      writer.beginObject()
      writer.key("Value")
      writer.double(value)
      writer.key("Count")
      writer.int(count)
      writer.endObject()
    }
    writer.endArray()
  }
}
