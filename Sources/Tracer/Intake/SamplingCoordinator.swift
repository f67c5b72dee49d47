import Synchronization
import Telemetry
import Wire

/// Centralized sampling as the X-Ray daemon serves it to the SDKs (`POST /GetSamplingRules`,
/// `POST /SamplingTargets`, botocore `xray/2016-04-12`) with one rule, X-Ray's default: a
/// reservoir of one request per second, then 5% of the rest. The reservoir is shared among the
/// clients that reported in the last interval, as X-Ray shares it.
public final class SamplingCoordinator: Sendable {
  public let reservoirPerSecond: Int
  public let fixedRate: Double
  /// Seconds between the SDKs' target requests.
  public let interval = 10
  private let createdAt: Double
  private let now: @Sendable () -> Double
  /// Client id → when it last reported.
  private let clients = Mutex([String: Double]())

  public init(
    reservoirPerSecond: Int = 1, fixedRate: Double = 0.05, now: @escaping @Sendable () -> Double
  ) {
    self.reservoirPerSecond = reservoirPerSecond
    self.fixedRate = fixedRate
    self.now = now
    createdAt = now()
  }

  /// `{SamplingRuleRecords: [{SamplingRule{…}, CreatedAt, ModifiedAt}]}` with the rule named
  /// `Default` (priority 10000, every field `*`, version 1), the shape the SDKs check.
  public func rulesDocument() -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("SamplingRuleRecords")
    writer.beginArray()
    writer.beginObject()
    writer.key("SamplingRule")
    writer.beginObject()
    let text: [(String, String)] = [
      ("RuleName", "Default"), ("RuleARN", "arn:aws:xray:local:000000000000:sampling-rule/Default"),
      ("ResourceARN", "*"), ("ServiceName", "*"), ("ServiceType", "*"), ("Host", "*"),
      ("HTTPMethod", "*"), ("URLPath", "*"),
    ]
    for (key, value) in text {
      writer.key(key)
      writer.string(value)
    }
    writer.key("Priority")
    writer.int(10_000)
    writer.key("FixedRate")
    writer.double(fixedRate)
    writer.key("ReservoirSize")
    writer.int(reservoirPerSecond)
    writer.key("Version")
    writer.int(1)
    writer.key("Attributes")
    writer.beginObject()
    writer.endObject()
    writer.endObject()
    writer.key("CreatedAt")
    writer.double(createdAt)
    writer.key("ModifiedAt")
    writer.double(createdAt)
    writer.endObject()
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }

  /// Answers `{SamplingStatisticsDocuments: [{RuleName, ClientID, …}]}` with
  /// `{SamplingTargetDocuments: [{RuleName, FixedRate, ReservoirQuota, ReservoirQuotaTTL,
  /// Interval}], LastRuleModification, UnprocessedStatistics}`; statistics for unknown rules
  /// come back as unprocessed.
  public func targetsDocument(requestBody: [UInt8]) throws(HTTPError) -> [UInt8] {
    let request = try TraceQueries.requestObject(requestBody)
    guard let documents = request["SamplingStatisticsDocuments"]?.array, documents.count <= 100
    else {
      throw HTTPError(.badRequest, "SamplingStatisticsDocuments is required (at most 100)")
    }
    let now = now()
    var known: [String] = []
    var unknown: [(rule: String, client: String)] = []
    for document in documents {
      let rule = document["RuleName"]?.string ?? ""
      let client = document["ClientID"]?.string ?? ""
      guard !client.isEmpty, client.utf8.count <= 64 else {
        throw HTTPError(.badRequest, "each statistics document needs a ClientID (24 hex digits)")
      }
      if rule == "Default" { known.append(client) } else { unknown.append((rule, client)) }
    }
    let quota = known.first.map { self.quota(for: $0, at: now) }
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("SamplingTargetDocuments")
    writer.beginArray()
    if let quota {
      writer.beginObject()
      writer.key("RuleName")
      writer.string("Default")
      writer.key("FixedRate")
      writer.double(fixedRate)
      writer.key("ReservoirQuota")
      writer.int(quota)
      writer.key("ReservoirQuotaTTL")
      writer.double((now + Double(interval)).rounded(.down))
      writer.key("Interval")
      writer.int(interval)
      writer.endObject()
    }
    writer.endArray()
    writer.key("LastRuleModification")
    writer.double(createdAt)
    writer.key("UnprocessedStatistics")
    writer.beginArray()
    for (rule, _) in unknown {
      writer.beginObject()
      writer.key("RuleName")
      writer.string(rule)
      writer.key("ErrorCode")
      writer.string("400")
      writer.key("Message")
      writer.string("unknown sampling rule")
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    return writer.bytes
  }

  /// This client's share of the reservoir among clients seen in the last two intervals: the
  /// per-second reservoir divided evenly, the remainder to the first clients by id.
  func quota(for client: String, at now: Double) -> Int {
    clients.withLock { clients in
      clients[client] = now
      clients = clients.filter { now - $0.value <= Double(2 * interval) }
      if clients.count > 10_000 { clients = [client: now] }
      let ordered = clients.keys.sorted()
      let index = ordered.firstIndex(of: client) ?? 0
      let base = reservoirPerSecond / ordered.count
      return base + (index < reservoirPerSecond % ordered.count ? 1 : 0)
    }
  }
}
