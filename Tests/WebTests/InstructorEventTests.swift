import Foundation
import Testing

@testable import Web

@Suite struct InstructorEventTests {
  /// The fields of a valid event form.
  static func fields(
    _ csrf: String, name: String = "Friday workshop", code: String = "FRIDAY7",
    opens: String = "", closes: String = "", capacity: String = "", labs: String = "",
    idle: String = "45"
  ) -> [(String, String)] {
    [
      ("csrf", csrf), ("name", name), ("code", code), ("opens", opens), ("closes", closes),
      ("capacity", capacity), ("labs", labs), ("solver", "1"), ("idle", idle),
    ]
  }

  @Test func createEvent_isListedJoinableAndAudited() async throws {
    try await WebServerFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let page = try await instructor.get("/instructor/events")
      #expect(page.status == 200)
      let created = try await instructor.post(
        "/instructor/events", Self.fields(page.csrf ?? "", capacity: "2"))
      #expect(created.status == 303)
      let location = try #require(created.location)
      #expect(location.hasPrefix("/instructor/events/"))
      let edit = try await instructor.get(location)
      #expect(edit.text.contains("value=\"FRIDAY7\""))
      #expect(edit.text.contains("value=\"45\""))
      #expect(try await instructor.get("/instructor/events").text.contains("Friday workshop"))
      let learner = Browser(fixture)
      let labs = try await learner.join(name: "Ada", code: "friday7")
      #expect(labs.status == 200)
      let joined = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"FRIDAY7","name":"Bea"}"#)
      let me = try await fixture.api(
        .get, "/api/v1/me", bearer: joined.object["token"] as? String)
      #expect((me.object["event"] as? [String: Any])?["name"] as? String == "Friday workshop")
      #expect(try InstructorSupport.audit(fixture, action: "event.created").count == 1)
    }
  }

  @Test func join_fullEventIsRefusedWithAClearMessage() async throws {
    try await WebServerFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let page = try await instructor.get("/instructor/events")
      _ = try await instructor.post(
        "/instructor/events", Self.fields(page.csrf ?? "", capacity: "1"))
      _ = try await Browser(fixture).join(name: "First", code: "FRIDAY7")
      let late = Browser(fixture)
      let form = try await late.get("/join")
      let refused = try await late.post(
        "/join", [("code", "FRIDAY7"), ("name", "Second"), ("csrf", form.csrf ?? "")])
      #expect(refused.status == 403)
      #expect(refused.text.contains("this event is full"))
    }
  }

  @Test func join_closedEventIsRefused() async throws {
    try await WebServerFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let page = try await instructor.get("/instructor/events")
      let now = fixture.clock.now.timeIntervalSince1970
      _ = try await instructor.post(
        "/instructor/events",
        Self.fields(
          page.csrf ?? "", opens: UTCMinute.format(now - 7200),
          closes: UTCMinute.format(now - 3600)))
      let late = Browser(fixture)
      let form = try await late.get("/join")
      let refused = try await late.post(
        "/join", [("code", "FRIDAY7"), ("name", "Late"), ("csrf", form.csrf ?? "")])
      #expect(refused.status == 403)
      #expect(refused.text.contains("this event has closed"))
    }
  }

  @Test func eventForm_badFieldsAreNamedAndNothingIsSaved() async throws {
    try await WebServerFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let csrf = try await instructor.get("/instructor/events").csrf ?? ""
      let cases: [([(String, String)], String)] = [
        (Self.fields(csrf, code: "no"), "join code"),
        (Self.fields(csrf, capacity: "0"), "capacity"),
        (Self.fields(csrf, capacity: "99999999999"), "capacity"),
        (Self.fields(csrf, opens: "2026-13-01T10:00"), "opens"),
        (Self.fields(csrf, opens: "2026-11-28T10:00", closes: "2026-11-28T09:00"), "closes"),
        (Self.fields(csrf, labs: "no-such-lab"), "labs"),
        (Self.fields(csrf, idle: "1"), "idle stop"),
        (Self.fields(csrf, name: ""), "name"),
      ]
      for (fields, named) in cases {
        let page = try await instructor.post("/instructor/events", fields)
        #expect(page.status == 400, "\(named)")
        #expect(page.text.contains(named), "\(named)")
      }
      let duplicate = try await instructor.post(
        "/instructor/events", Self.fields(csrf, code: "JOIN42"))
      #expect(duplicate.status == 409)
      #expect(try EventStore(database: fixture.app.database).list().count == 1)
    }
  }

  @Test func editEvent_changesSettings() async throws {
    try await WebServerFixture.with(labs: []) { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let id = fixture.app.accounts.defaultEvent.id
      let csrf = try await instructor.get("/instructor/events/\(id)").csrf ?? ""
      let saved = try await instructor.post(
        "/instructor/events/\(id)", Self.fields(csrf, name: "Renamed", code: "NEWCODE1"))
      #expect(saved.status == 303)
      let event = try #require(try EventStore(database: fixture.app.database).event(id))
      #expect(event.name == "Renamed")
      #expect(event.code == "NEWCODE1")
      #expect(event.idleStopMinutes == 45)
      #expect(try InstructorSupport.audit(fixture, action: "event.updated").count == 1)
      let missing = try await instructor.post("/instructor/events/999", Self.fields(csrf))
      #expect(missing.status == 404)
    }
  }

  @Test func invite_linkWorksOnceAndSignsTheNewInstructorIn() async throws {
    try await WebServerFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let home = try await instructor.get("/instructor")
      let invite = try await instructor.post("/instructor/invites", [("csrf", home.csrf ?? "")])
      #expect(invite.status == 200)
      let start = try #require(invite.text.range(of: "href=\"/invite/"))
      let rest = invite.text[start.upperBound...]
      let token = String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
      let newcomer = Browser(fixture)
      let form = try await newcomer.get("/invite/" + token)
      #expect(form.status == 200)
      let short = try await newcomer.post(
        "/invite/" + token, [("name", "Linus"), ("password", "short"), ("csrf", form.csrf ?? "")])
      #expect(short.status == 400)
      let joined = try await newcomer.post(
        "/invite/" + token,
        [("name", "Linus"), ("password", "another long one"), ("csrf", form.csrf ?? "")])
      #expect(joined.status == 303)
      #expect(try await newcomer.get("/instructor/events").status == 200)
      #expect(try await Browser(fixture).get("/invite/" + token).status == 404)
      #expect(try await Browser(fixture).get("/invite/not-a-token").status == 404)
      #expect(try InstructorSupport.audit(fixture, action: "invite.created").count == 1)
      #expect(try InstructorSupport.audit(fixture, action: "instructor.created").count == 2)
    }
  }

  @Test func invite_expiresAfterSevenDays() async throws {
    try await WebServerFixture.with { fixture in
      let token = try fixture.app.accounts.createInvite(by: 1)
      fixture.clock.advance(by: AccountService.inviteLifetime + 1)
      #expect(try await Browser(fixture).get("/invite/" + token.text).status == 404)
    }
  }

  @Test func changePassword_needsTheCurrentOneAndEndsOtherSessions() async throws {
    try await WebServerFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let other = Browser(fixture)
      _ = try await other.signIn(name: "Grace", password: InstructorSupport.password)
      let csrf = try await instructor.get("/instructor/password").csrf ?? ""
      let wrong = try await instructor.post(
        "/instructor/password", [("csrf", csrf), ("current", "nope"), ("new", "brand new secret")])
      #expect(wrong.status == 403)
      let changed = try await instructor.post(
        "/instructor/password",
        [("csrf", csrf), ("current", InstructorSupport.password), ("new", "brand new secret")])
      #expect(changed.status == 303)
      #expect(try await instructor.get("/instructor").status == 200)
      #expect(try await other.get("/instructor").status == 303)
      let old = try await Browser(fixture).signIn(
        name: "Grace", password: InstructorSupport.password)
      #expect(old.status == 401)
      let new = try await Browser(fixture).signIn(name: "Grace", password: "brand new secret")
      #expect(new.status == 303)
      #expect(try InstructorSupport.audit(fixture, action: "password.changed").count == 1)
    }
  }
}

extension InstructorEventTests {
  @Test func eventRules_labsInTheEventsOrderAndTheSolverFlagPerLearner() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let store = EventStore(database: fixture.app.database)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      #expect(try fixture.app.labs(forLearner: ann).map(\.id) == [ProgressSamples.labID])
      #expect(try fixture.app.solverAllowed(forLearner: ann))
      let closed = EventSettings(
        id: fixture.app.accounts.defaultEvent.id, name: "Workshop", code: "JOIN42", opensAt: nil,
        closesAt: nil, capacity: nil, labs: [ProgressSamples.labID], solverAllowed: false,
        idleStopMinutes: 30)
      _ = try store.save(closed, actor: "test", now: fixture.clock.now)
      #expect(
        try store.event(fixture.app.accounts.defaultEvent.id)?.labs == [ProgressSamples.labID])
      #expect(try !fixture.app.solverAllowed(forLearner: ann))
      #expect(try !fixture.app.solverAllowed(forLearner: 999))
      #expect(try fixture.app.labs(forLearner: 999).count == fixture.app.progress.labs.count)
    }
  }
}
