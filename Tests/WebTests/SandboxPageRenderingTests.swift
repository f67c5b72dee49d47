import Foundation
import Testing

@testable import Sandbox
@testable import Web

/// The sandbox page's HTML from hand-made statuses: progress while starting, escaping.
@Suite struct SandboxPageRenderingTests {
  static func process(_ name: String, _ state: ProcessState, exit: ExitRecord? = nil)
    -> ProcessStatus
  {
    ProcessStatus(
      name: name, role: "app", pid: 4242, state: state, health: .unknown, cpuPercent: 1.5,
      rssBytes: 3 << 20, restarts: exit == nil ? 0 : 1, lastExit: exit, ports: ["http": 1],
      recentLogs: [],
      samples: [
        ResourceSample(timeMillis: 1_000, cpuPercent: 1, rssBytes: 1 << 20, virtualBytes: 0),
        ResourceSample(timeMillis: 3_000, cpuPercent: 2, rssBytes: 2 << 20, virtualBytes: 0),
      ])
  }

  static func page(_ processes: [ProcessStatus], faults: [FaultRecord] = []) -> SandboxPage {
    SandboxPage(
      status: SandboxStatus(
        id: "learner-7", phase: .running, directory: "/secret/folder", processes: processes),
      faults: faults, definition: .demo, csrf: "token\"<", message: "bad <input>")
  }

  @Test func startingSandbox_showsProgressAndRefreshes() {
    let page = Self.page([Self.process("swan", .healthy), Self.process("unicorn-v2", .starting)])
    #expect(page.isStarting)
    #expect(page.head == #"<meta http-equiv="refresh" content="2">"#)
    #expect(page.body.contains(#"<progress max="2" value="1">"#))
    #expect(page.body.contains("1 of 2 processes ready"))
  }

  @Test func recentOutput_isShownEscapedWithStderrMarked() {
    var swan = Self.process("swan", .healthy)
    swan.recentLogs = [
      LogLine(stream: .stdout, text: #"{"path":"/unicorn","status":200}"#, timeMillis: 1),
      LogLine(stream: .stderr, text: "<script>boom</script>", timeMillis: 2),
    ]
    let body = Self.page([swan]).body
    #expect(body.contains("Recent output of swan"))
    #expect(body.contains("{&quot;path&quot;:&quot;/unicorn&quot;,&quot;status&quot;:200}"))
    #expect(body.contains(#"<span class="stderr">&lt;script&gt;boom&lt;/script&gt;</span>"#))
    #expect(!Self.page([Self.process("quiet", .healthy)]).body.contains("Recent output"))
  }

  @Test func healthySandbox_doesNotRefresh() {
    let page = Self.page([Self.process("swan", .healthy)])
    #expect(!page.isStarting)
    #expect(page.head.isEmpty)
    #expect(!page.body.contains("<progress"))
  }

  @Test func page_escapesNamesReasonsTokensAndMessages() {
    let exit = ExitRecord(
      code: 1, signal: nil, reason: "exit 1: last error output: <b>boom</b>", timeMillis: 2_000)
    let fault = FaultRecord(
      id: 3, kind: "latency", target: "<evil>", params: #"{"a":"<b>"}"#, startedAt: 2,
      endedAt: nil)
    let body = Self.page([Self.process("<evil>", .backingOff, exit: exit)], faults: [fault]).body
    #expect(body.contains("<td>&lt;evil&gt;</td>"))
    #expect(body.contains("exit 1: last error output: &lt;b&gt;boom&lt;/b&gt;"))
    #expect(body.contains(#"value="token&quot;&lt;""#))
    #expect(body.contains("bad &lt;input&gt;"))
    #expect(body.contains("&lt;b&gt;"))
    #expect(!body.contains("<evil>") && !body.contains("<b>"))
    #expect(!body.contains("/secret/folder"))
    // The open fault on the process is marked on both its charts, inside their time window.
    #expect(body.components(separatedBy: "<title>latency started</title>").count - 1 == 2)
  }
}
