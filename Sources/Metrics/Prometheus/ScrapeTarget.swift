import Wire

/// One Prometheus scrape target: where to `GET` the exposition, and the target labels every
/// series scraped from it carries, as Prometheus attaches them: `job` (the target's name) and
/// `instance` (its `HOST:PORT`). A scraped label with either name is kept as
/// `exported_job`/`exported_instance` (Prometheus's `honor_labels: false`).
public struct ScrapeTarget: Sendable, Equatable {
  /// The job name of a target given as a bare URL (Prometheus's own scrape job is named so).
  public static let defaultJob = "prometheus"

  public let job: String
  public let address: SocketAddress
  public let path: String

  /// - Parameter url: `http://HOST:PORT/path` with a numeric host.
  public init(job: String = Self.defaultJob, url: String) throws(MetricsAgentError) {
    guard !job.isEmpty, job.utf8.count <= 64,
      job.utf8.allSatisfy({ Self.isJobByte($0) })
    else {
      throw MetricsAgentError(
        "scrape job name must be 1–64 letters, digits, '_', '-' or '.', got '\(job)'")
    }
    guard url.hasPrefix("http://") else {
      throw MetricsAgentError("scrape URL must start with http://, got '\(url)'")
    }
    let rest = url.dropFirst("http://".count)
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    guard let address = SocketAddress(String(rest[..<slash])) else {
      throw MetricsAgentError("scrape URL needs a numeric HOST:PORT, got '\(url)'")
    }
    self.job = job
    self.address = address
    path = slash == rest.endIndex ? "/" : String(rest[slash...])
  }

  /// Targets written `JOB=URL;JOB=URL` (a bare `URL` has the job ``defaultJob``), as the
  /// agent's `--scrape` option takes them. Job names are unique.
  public static func list(_ text: String) throws(MetricsAgentError) -> [ScrapeTarget] {
    var targets: [ScrapeTarget] = []
    for entry in text.split(separator: ";", omittingEmptySubsequences: true) {
      let target: ScrapeTarget
      if let equals = entry.firstIndex(of: "="), !entry[..<equals].contains("/") {
        target = try ScrapeTarget(
          job: String(entry[..<equals]), url: String(entry[entry.index(after: equals)...]))
      } else {
        target = try ScrapeTarget(url: String(entry))
      }
      guard !targets.contains(where: { $0.job == target.job }) else {
        throw MetricsAgentError("scrape job '\(target.job)' is given twice")
      }
      targets.append(target)
    }
    guard !targets.isEmpty else { throw MetricsAgentError("--scrape lists no target") }
    return targets
  }

  /// `scraped` with the target labels added, and renamed where they collide.
  func labels(adding scraped: [Label]) -> [Label] {
    var labels = scraped.map { label in
      label.name == "job" || label.name == "instance"
        ? Label("exported_" + label.name, label.value) : label
    }
    labels.append(Label("job", job))
    labels.append(Label("instance", "\(address)"))
    return labels
  }

  private static func isJobByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
      UInt8(ascii: "."):
      true
    default: false
    }
  }
}
