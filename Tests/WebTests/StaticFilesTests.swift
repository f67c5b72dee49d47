import Foundation
import Glibc
import Synchronization
import Testing
import Wire

@testable import Web

@Suite struct StaticFilesTests {
  let fixture = StaticFilesFixture()

  // MARK: Content types

  @Test(arguments: [
    ("index.html", "text/html; charset=utf-8"), ("site.css", "text/css; charset=utf-8"),
    ("app.js", "text/javascript; charset=utf-8"), ("data.json", "application/json"),
    ("icon.svg", "image/svg+xml"), ("photo.png", "image/png"), ("photo.JPG", "image/jpeg"),
    ("anim.gif", "image/gif"), ("pic.webp", "image/webp"), ("favicon.ico", "image/x-icon"),
    ("notes.txt", "text/plain; charset=utf-8"), ("README.md", "text/markdown; charset=utf-8"),
    ("font.woff2", "font/woff2"), ("app.js.map", "application/json"),
    ("mod.wasm", "application/wasm"),
    ("slides.pdf", "application/pdf"), ("archive.tar.zst", "application/octet-stream"),
    ("Makefile", "application/octet-stream"),
  ])
  func contentType_followsExtension(name: String, expected: String) {
    fixture.write(name, "x")
    let response = fixture.request("/static/\(name)")
    #expect(response.status == .ok)
    #expect(response.headers["Content-Type"] == expected)
  }

  // MARK: Validators (RFC 9110 §8.8)

  @Test func response_carriesBodyAndValidators() {
    fixture.write("css/site.css", "body{}", modified: 1_700_000_000)
    let response = fixture.request("/static/css/site.css")
    #expect(response.status == .ok)
    #expect(fixture.text(response) == "body{}")
    #expect(response.headers["Last-Modified"] == "Tue, 14 Nov 2023 22:13:20 GMT")
    #expect(response.headers["Cache-Control"] == "public, max-age=300")
    let tag = response.headers["ETag"] ?? ""
    #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"))
    #expect(tag.contains("-6-"))  // size 6 in hex between inode and mtime
  }

  @Test func etag_changesWithModificationTime() {
    fixture.write("a.txt", "one", modified: 1_700_000_000)
    let first = fixture.request("/static/a.txt").headers["ETag"]
    fixture.setModified("a.txt", to: 1_700_000_100)
    fixture.clock.advance(seconds: 1)
    let second = fixture.request("/static/a.txt").headers["ETag"]
    #expect(first != nil && second != nil && first != second)
  }

  // MARK: Conditional GET (RFC 9110 §13)

  @Test(arguments: ["TAG", "W/TAG", "\"other\", TAG", "\"a,b\" ,W/TAG", "*"])
  func ifNoneMatch_matching_is304WithoutBody(pattern: String) {
    fixture.write("a.txt", "hello")
    let tag = fixture.request("/static/a.txt").headers["ETag"]!
    let response = fixture.request(
      "/static/a.txt",
      headers: ["If-None-Match": pattern.replacingOccurrences(of: "TAG", with: tag)])
    #expect(response.status == .notModified)
    #expect(response.headers["ETag"] == tag)
    #expect(response.headers["Cache-Control"] == "public, max-age=300")
    #expect(fixture.text(response) == "")
  }

  @Test(arguments: ["\"other\"", "W/\"other\", \"more\"", "garbage", "\"unterminated"])
  func ifNoneMatch_notMatching_is200(value: String) {
    fixture.write("a.txt", "hello")
    let response = fixture.request("/static/a.txt", headers: ["If-None-Match": value])
    #expect(response.status == .ok)
    #expect(fixture.text(response) == "hello")
  }

  @Test func ifNoneMatch_inSecondFieldLine_matches() {
    fixture.write("a.txt", "hello")
    let tag = fixture.request("/static/a.txt").headers["ETag"]!
    let headers = HTTPHeaders([("If-None-Match", "\"other\""), ("If-None-Match", tag)])
    #expect(fixture.request("/static/a.txt", headers: headers).status == .notModified)
  }

  @Test(arguments: [
    ("Tue, 14 Nov 2023 22:13:20 GMT", 304), ("Wed, 15 Nov 2023 00:00:00 GMT", 304),
    ("Tue, 14 Nov 2023 22:13:19 GMT", 200), ("not a date", 200),
  ])
  func ifModifiedSince_comparesWithLastModified(date: String, expected: Int) {
    fixture.write("a.txt", "hello", modified: 1_700_000_000)
    let response = fixture.request("/static/a.txt", headers: ["If-Modified-Since": date])
    #expect(response.status.code == expected)
    #expect(fixture.text(response) == (expected == 304 ? "" : "hello"))
  }

  @Test func ifNoneMatch_takesPrecedenceOverIfModifiedSince() {
    fixture.write("a.txt", "hello", modified: 1_700_000_000)
    let response = fixture.request(
      "/static/a.txt",
      headers: ["If-None-Match": "\"stale\"", "If-Modified-Since": "Wed, 15 Nov 2023 00:00:00 GMT"])
    #expect(response.status == .ok)
  }

  // MARK: Cache and revalidation

  @Test func cache_servesMemoryWithinIntervalThenRevalidates() {
    fixture.write("a.txt", "old", modified: 1_700_000_000)
    #expect(fixture.text(fixture.request("/static/a.txt")) == "old")
    fixture.write("a.txt", "new", modified: 1_700_000_050)
    #expect(fixture.text(fixture.request("/static/a.txt")) == "old")
    fixture.clock.advance(seconds: 1)
    let response = fixture.request("/static/a.txt")
    #expect(fixture.text(response) == "new")
    #expect(response.headers["Last-Modified"] == "Tue, 14 Nov 2023 22:14:10 GMT")
  }

  @Test func cache_unchangedFileKeepsEntry() {
    fixture.write("a.txt", "same")
    let first = fixture.request("/static/a.txt").headers["ETag"]
    fixture.clock.advance(seconds: 5)
    #expect(fixture.request("/static/a.txt").headers["ETag"] == first)
  }

  @Test func cache_deletedFileBecomes404AfterInterval() throws {
    fixture.write("a.txt", "here")
    #expect(fixture.request("/static/a.txt").status == .ok)
    try FileManager.default.removeItem(atPath: fixture.root + "/a.txt")
    fixture.clock.advance(seconds: 1)
    #expect(fixture.request("/static/a.txt").status == .notFound)
  }

  @Test func largeFile_isServedWithoutCaching() throws {
    let size = 2 << 20
    try Data(repeating: 0x61, count: size).write(
      to: URL(fileURLWithPath: fixture.root + "/big.bin"))
    let response = fixture.request("/static/big.bin")
    #expect(response.status == .ok)
    guard case .bytes(let bytes) = response.body else {
      Issue.record("not bytes")
      return
    }
    #expect(bytes.count == size)
  }

  @Test func oversizedFile_is404() throws {
    let path = fixture.root + "/huge.bin"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    #expect(truncate(path, off_t(StaticFiles.maxServedBytes + 1)) == 0)  // sparse: no disk used
    #expect(fixture.request("/static/huge.bin").status == .notFound)
  }

  // MARK: Staying inside the folder

  @Test(arguments: [
    ("/static/../Package.swift", 400), ("/static/%2e%2e/Package.swift", 400),
    ("/static/%2E%2e%2fx", 400),
    ("/static/./a.txt", 400), ("/static/sub/%2e/a.txt", 400), ("/static/a%2fb", 400),
    ("/static/a%2Fb", 400), ("/static/a%5c..%5cb", 400), ("/static/a\\b", 400),
    ("/static/x%00.txt", 400),
    ("/static/%zz", 400), ("/static/a%2", 400), ("/static/%ff.txt", 400), ("/static/.hidden", 404),
    ("/static/sub/.git/config", 404), ("/static/%2ehidden", 404), ("/static/missing.txt", 404),
    ("/static/sub", 404), ("/static/sub/", 404), ("/static/", 404), ("/static/a.txt/x", 404),
    ("/static/" + String(repeating: "a", count: 2000), 414),
  ])
  func traversal_isRefused(target: String, expected: Int) {
    fixture.write("a.txt", "inside")
    fixture.write(".hidden", "secret")
    fixture.write("sub/.git/config", "secret")
    let response = fixture.request(target)
    #expect(response.status.code == expected)
    #expect(fixture.text(response)?.contains("secret") == false)
    #expect(fixture.text(response)?.contains("outside") == false)
  }

  @Test func percentEncoding_isDecodedOnce() {
    fixture.write("A b.txt", "spaced")
    fixture.write("%41.txt", "literal")
    #expect(fixture.text(fixture.request("/static/%41%20b.txt")) == "spaced")
    #expect(fixture.text(fixture.request("/static/%2541.txt")) == "literal")
  }

  @Test func symlinkOutsideRoot_is404() {
    fixture.symlink("passwd", to: "/etc/passwd")
    fixture.symlink("up", to: "../Package.swift")
    fixture.symlink("dir", to: "/etc")
    #expect(fixture.request("/static/passwd").status == .notFound)
    #expect(fixture.request("/static/up").status == .notFound)
    #expect(fixture.request("/static/dir/passwd").status == .notFound)
  }

  @Test func symlinkInsideRoot_isFollowed() {
    fixture.write("real/file.txt", "target")
    fixture.symlink("link.txt", to: "real/file.txt")
    let response = fixture.request("/static/link.txt")
    #expect(response.status == .ok)
    #expect(fixture.text(response) == "target")
  }

  @Test func symlinkToHiddenFileInsideRoot_is404() {
    fixture.write(".env", "secret")
    fixture.symlink("env.txt", to: ".env")
    #expect(fixture.request("/static/env.txt").status == .notFound)
  }

  @Test func fifo_is404WithoutBlocking() {
    #expect(mkfifo(fixture.root + "/pipe", 0o600) == 0)
    #expect(fixture.request("/static/pipe").status == .notFound)
  }

  @Test func missingRoot_answers404() {
    let files = StaticFiles(root: fixture.base + "/nowhere")
    let request = HTTPRequest(
      head: HTTPRequestHead(method: .get, target: "/static/a.txt"), pathParameters: ["*": "a.txt"])
    #expect(files.respond(to: request).status == .notFound)
  }

  @Test func concurrentRequests_allSeeWholeFiles() {
    fixture.write("a.txt", "alpha")
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for round in 0..<200 {
        if worker == 0 && round % 20 == 0 { fixture.clock.advance(seconds: 1) }
        let response = fixture.request("/static/a.txt")
        if response.status != .ok || fixture.text(response) != "alpha" {
          failures.withLock { $0 += 1 }
        }
      }
    }
    #expect(failures.withLock { $0 } == 0)
  }

  // MARK: Route

  @Test func route_isGetWildcardAndAnswersHead() {
    fixture.write("a.txt", "hello")
    let route = fixture.files.route(prefix: "/static")
    #expect(route.method == .get)
    #expect(route.pattern == "/static/*")
    #expect(fixture.request("/static/a.txt", method: .head).status == .ok)
  }
}
