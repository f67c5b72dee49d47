import Foundation
import Testing
import Tracer

@testable import Web

/// `POST /api/v1/xray/…`: X-Ray's bodies over the caller's own store, and who may call.
@Suite struct TracesAPITests {
  private func window(_ fixture: WebServerFixture) -> String {
    let now = fixture.clock.now.timeIntervalSince1970
    return #""StartTime":\#(now - 900),"EndTime":\#(now)"#
  }

  @Test func xrayAPI_answersInXRayShapes() async throws {
    try await TracesFixture.with { fixture in
      let (browser, learnerID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let token = try TracesFixture.token(browser)
      let now = fixture.clock.now.timeIntervalSince1970
      let store = try TracesFixture.store(fixture, learnerID: learnerID)
      defer { store.close() }
      let ok = try TracesFixture.request(into: store, now: now, serial: 1, at: now - 120)
      let failed = try TracesFixture.request(
        into: store, now: now, serial: 2, at: now - 60, unicornStatus: 503)

      let graph = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: "{\(window(fixture))}", bearer: token)
      #expect(graph.status == 200)
      let services = try #require(graph.object["Services"] as? [[String: Any]])
      #expect(Set(services.compactMap { $0["Name"] as? String }) == ["client", "swan", "unicorn"])

      let summaries = try await TracesFixture.post(
        fixture, "/api/v1/xray/TraceSummaries",
        json: #"{\#(window(fixture)),"FilterExpression":"service(\"unicorn\") { fault }"}"#,
        bearer: token)
      #expect(summaries.status == 200)
      let found = try #require(summaries.object["TraceSummaries"] as? [[String: Any]])
      #expect(found.compactMap { $0["Id"] as? String } == [failed])
      #expect(summaries.object["TracesProcessedCount"] as? Int == 2)

      let traces = try await TracesFixture.post(
        fixture, "/api/v1/xray/Traces", json: #"{"TraceIds":["\#(ok)"]}"#, bearer: token)
      #expect(traces.status == 200)
      let trace = try #require((traces.object["Traces"] as? [[String: Any]])?.first)
      #expect(trace["Id"] as? String == ok)
      #expect((trace["Segments"] as? [[String: Any]])?.count == 2)
    }
  }

  @Test func xrayAPI_badRequestAnswersInXRayErrorShape() async throws {
    try await TracesFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ada")
      let answer = try await TracesFixture.post(
        fixture, "/api/v1/xray/TraceSummaries",
        json: #"{\#(window(fixture)),"FilterExpression":"responsetime >"}"#,
        bearer: try TracesFixture.token(browser))
      #expect(answer.status == 400)
      #expect(answer.headers["x-amzn-ErrorType"] == "InvalidRequestException")
      #expect((answer.object["message"] as? String)?.contains("position 14") == true)

      let noWindow = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: "{}", bearer: try TracesFixture.token(browser))
      #expect(noWindow.status == 400)
    }
  }

  @Test func xrayAPI_missingStoreIsEmptyNotAnError() async throws {
    try await TracesFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ada")
      let token = try TracesFixture.token(browser)
      let graph = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: "{\(window(fixture))}", bearer: token)
      #expect(graph.status == 200)
      #expect((graph.object["Services"] as? [Any])?.isEmpty == true)
      let summaries = try await TracesFixture.post(
        fixture, "/api/v1/xray/TraceSummaries", json: "{\(window(fixture))}", bearer: token)
      #expect(summaries.status == 200)
      #expect((summaries.object["TraceSummaries"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func xrayAPI_learnerCannotSeeAnotherLearnersTraces() async throws {
    try await TracesFixture.with { fixture in
      let (_, adaID) = try await InstructorSupport.learner(fixture, name: "Ada")
      let (bob, bobID) = try await InstructorSupport.learner(fixture, name: "Bob")
      let now = fixture.clock.now.timeIntervalSince1970
      let adaStore = try TracesFixture.store(fixture, learnerID: adaID)
      defer { adaStore.close() }
      let adas = try TracesFixture.request(into: adaStore, now: now, serial: 1, at: now - 60)
      let bobStore = try TracesFixture.store(fixture, learnerID: bobID)
      defer { bobStore.close() }
      let bobs = try TracesFixture.request(into: bobStore, now: now, serial: 2, at: now - 30)
      let token = try TracesFixture.token(bob)

      let traces = try await TracesFixture.post(
        fixture, "/api/v1/xray/Traces", json: #"{"TraceIds":["\#(adas)","\#(bobs)"]}"#,
        bearer: token)
      #expect(traces.status == 200)
      #expect((traces.object["UnprocessedTraceIds"] as? [String]) == [adas])
      #expect(
        (traces.object["Traces"] as? [[String: Any]])?.compactMap { $0["Id"] as? String } == [bobs])
      let summaries = try await TracesFixture.post(
        fixture, "/api/v1/xray/TraceSummaries", json: "{\(window(fixture))}", bearer: token)
      let ids = (summaries.object["TraceSummaries"] as? [[String: Any]])?.compactMap {
        $0["Id"] as? String
      }
      #expect(ids == [bobs])
    }
  }

  @Test func xrayAPI_refusesAnonymousAndInstructors() async throws {
    try await TracesFixture.with { fixture in
      let body = "{\(window(fixture))}"
      let anonymous = try await TracesFixture.post(fixture, "/api/v1/xray/ServiceGraph", json: body)
      #expect(anonymous.status == 401)
      #expect(anonymous.headers["WWW-Authenticate"] == "Bearer")
      let instructor = try await InstructorSupport.instructor(fixture)
      let refused = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: body,
        bearer: try TracesFixture.token(instructor))
      #expect(refused.status == 403)
    }
  }

  @Test func xrayAPI_cookieNeedsSameOrigin() async throws {
    try await TracesFixture.with { fixture in
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Ada")
      let cookie = try TracesFixture.token(browser)
      let body = "{\(window(fixture))}"
      let foreign = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: body, cookie: cookie,
        origin: "http://evil.example")
      #expect(foreign.status == 403)
      let missing = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: body, cookie: cookie)
      #expect(missing.status == 403)
      let same = try await TracesFixture.post(
        fixture, "/api/v1/xray/ServiceGraph", json: body, cookie: cookie, origin: fixture.origin)
      #expect(same.status == 200)
    }
  }
}
