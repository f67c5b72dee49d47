import Foundation
import Testing
import Tracer

@testable import Web

/// `/traces/map`, `/traces` and `/traces/{id}`: server-drawn, escaped, the learner's own only.
@Suite struct TracesPageTests {
  @Test func serviceMap_drawsNodesAndCallsWithNumbers() async throws {
    try await TracesFixture.with { fixture in
      let (browser, learnerID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let now = fixture.clock.now.timeIntervalSince1970
      let store = try TracesFixture.store(fixture, learnerID: learnerID)
      defer { store.close() }
      for serial in 1...9 {
        try TracesFixture.request(into: store, now: now, serial: serial, at: now - 300)
      }
      try TracesFixture.request(
        into: store, now: now, serial: 10, at: now - 200, unicornStatus: 503)

      let page = try await browser.get("/traces/map?minutes=15")
      #expect(page.status == 200)
      #expect(
        page.text.contains(
          #"<svg xmlns="http://www.w3.org/2000/svg" class="service-map" role="img""#))
      #expect(page.text.contains(#"<title id="service-map-title">"#))
      for name in ["client", "swan", "unicorn"] {
        #expect(page.text.contains(#"class="map-name">\#(name)</text>"#), "node \(name)")
      }
      // 10 requests in 15 minutes; one unicorn fault in ten is a faults node and call.
      #expect(page.text.contains("0.7/min"))
      #expect(page.text.contains(#"<g class="map-node health-faults"><title>unicorn: 10 requests"#))
      #expect(
        page.text.contains(#"<g class="map-link health-faults"><title>swan → unicorn: 10 requests"#)
      )
      #expect(page.text.contains("5xx 10 %"))
      #expect(page.text.contains("<td>client</td><td>swan</td><td>10</td>"))
      #expect(!page.text.contains("<script>"))
    }
  }

  @Test func serviceMap_escapesNamesAndRefusesScriptNames() async throws {
    try await TracesFixture.with { fixture in
      let (browser, learnerID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let now = fixture.clock.now.timeIntervalSince1970
      let store = try TracesFixture.store(fixture, learnerID: learnerID)
      defer { store.close() }
      // The tracer refuses `<` and `>` in names (X-Ray's name rule), so a script never lands.
      let hostile = TracesFixture.segment(
        trace: TracesFixture.traceID(now, 99), id: 99, name: "<script>alert(1)</script>",
        start: now - 10, end: now - 9)
      #expect(throws: SegmentRejection.invalidName) {
        try SegmentDecoder(now: { now }).decode(bytes: Array(hostile.utf8))
      }
      // `&`, `#` and `=` are allowed in names: they must come out escaped.
      try TracesFixture.request(
        into: store, now: now, serial: 1, at: now - 60, unicornName: "uni&corn=#1")
      let page = try await browser.get("/traces/map")
      #expect(page.status == 200)
      #expect(page.text.contains("uni&amp;corn=#1"))
      #expect(!page.text.contains("uni&corn"))
    }
  }

  @Test func traceList_showsMatchesNewestFirstWithLinks() async throws {
    try await TracesFixture.with { fixture in
      let (browser, learnerID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let now = fixture.clock.now.timeIntervalSince1970
      let store = try TracesFixture.store(fixture, learnerID: learnerID)
      defer { store.close() }
      let older = try TracesFixture.request(into: store, now: now, serial: 1, at: now - 600)
      let faulty = try TracesFixture.request(
        into: store, now: now, serial: 2, at: now - 300, unicornStatus: 500)
      let newer = try TracesFixture.request(into: store, now: now, serial: 3, at: now - 60)

      let all = try await browser.get("/traces?minutes=60")
      #expect(all.status == 200)
      let positions = [newer, faulty, older].compactMap { all.text.range(of: $0)?.lowerBound }
      #expect(positions.count == 3)
      #expect(positions == positions.sorted())
      #expect(all.text.contains(#"<a href="/traces/\#(faulty)">"#))
      #expect(all.text.contains(#"<span class="mark mark-fault">fault</span>"#))

      let filter = Browser.encode(#"service("unicorn") { fault }"#)
      let matching = try await browser.get("/traces?minutes=60&filter=\(filter)")
      #expect(matching.status == 200)
      #expect(matching.text.contains(faulty))
      #expect(!matching.text.contains(older))
      #expect(!matching.text.contains(newer))
      #expect(matching.text.contains(#"value="service(&quot;unicorn&quot;) { fault }""#))
    }
  }

  @Test func traceList_badFilterShowsMessageAndCaret() async throws {
    try await TracesFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ada")
      let expression = #"annotation.x = "<b>" AND ("#
      let position = try #require(
        { () -> Int? in
          do throws(FilterExpressionError) { _ = try FilterParser.parse(expression) } catch {
            return error.position
          }
          return nil
        }())
      let page = try await browser.get("/traces?filter=\(Browser.encode(expression))")
      #expect(page.status == 400)
      #expect(page.text.contains(#"role="alert""#))
      #expect(page.text.contains("at position \(position)"))
      let escaped = #"annotation.x = &quot;&lt;b&gt;&quot; AND ("#
      #expect(
        page.text.contains("<pre>\(escaped)\n\(String(repeating: " ", count: position))^</pre>"))
      #expect(!page.text.contains("<b>"))
    }
  }

  @Test func waterfall_nestsSpansUnderParentsWithDetails() async throws {
    try await TracesFixture.with { fixture in
      let (browser, learnerID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let now = fixture.clock.now.timeIntervalSince1970
      let store = try TracesFixture.store(fixture, learnerID: learnerID)
      defer { store.close() }
      let trace = try TracesFixture.request(
        into: store, now: now, serial: 1, at: now - 60, unicornStatus: 503,
        annotations: #""note":"<script>alert(1)</script>""#)

      let page = try await browser.get("/traces/\(trace)")
      #expect(page.status == 200)
      // swan (segment) › call to unicorn (remote subsegment) › unicorn (segment) › compute.
      let rows = [
        #"<td class="depth-0"><span class="span-name">swan</span>"#,
        #"<td class="depth-1"><span class="span-name">unicorn</span> <small>remote subsegment"#,
        #"<td class="depth-2"><span class="span-name">unicorn</span> <small>segment"#,
        #"<td class="depth-3"><span class="span-name">compute</span>"#,
      ]
      let positions = rows.compactMap { page.text.range(of: $0)?.lowerBound }
      #expect(positions.count == rows.count)
      #expect(positions == positions.sorted())
      // The call starts 10 ms into a 50 ms trace and lasts 30 ms: x 200, width 600.
      #expect(
        page.text.contains(#"<rect x="200" y="2" width="600" height="10" class="bar bar-fault"/>"#))
      #expect(page.text.contains(#"<span class="mark mark-fault">fault</span>"#))
      #expect(page.text.contains("<details><summary>Show</summary><h3>HTTP</h3>"))
      #expect(page.text.contains("<code>response.status</code>: 503"))
      #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(!page.text.contains("<script>alert"))
    }
  }

  @Test func waterfall_unknownOrForeignTraceIsNotFound() async throws {
    try await TracesFixture.with { fixture in
      let (_, adaID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let (bob, bobID) = try await InstructorSupport.learner(fixture, name: "Bob")
      let now = fixture.clock.now.timeIntervalSince1970
      let adaStore = try TracesFixture.store(fixture, learnerID: adaID)
      defer { adaStore.close() }
      let adas = try TracesFixture.request(into: adaStore, now: now, serial: 1, at: now - 60)
      #expect(try await bob.get("/traces/\(adas)").status == 404)
      let bobStore = try TracesFixture.store(fixture, learnerID: bobID)
      defer { bobStore.close() }
      #expect(try await bob.get("/traces/\(adas)").status == 404)
      #expect(try await bob.get("/traces/\(TracesFixture.traceID(now, 42))").status == 404)
      #expect(try await bob.get("/traces/not-a-trace-id").status == 404)
    }
  }

  @Test func tracePages_sendAnonymousHomeAndRefuseInstructors() async throws {
    try await TracesFixture.with { fixture in
      let anonymous = Browser(fixture)
      for path in ["/traces", "/traces/map", "/traces/\(TracesFixture.traceID(0, 1))"] {
        let page = try await anonymous.get(path)
        #expect(page.status == 303, "\(path)")
        #expect(page.location == "/", "\(path)")
      }
      let instructor = try await InstructorSupport.instructor(fixture)
      #expect(try await instructor.get("/traces/map").status == 403)
      #expect(try await instructor.get("/traces").status == 403)
    }
  }

  @Test func tracePages_rejectBadWindows() async throws {
    try await TracesFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ada")
      #expect(try await browser.get("/traces/map?minutes=0").status == 400)
      #expect(try await browser.get("/traces?minutes=99999").status == 400)
      #expect(try await browser.get("/traces?minutes=%zz").status == 400)
      #expect(try await browser.get("/traces/map").status == 200)
    }
  }
}
