import Testing

@testable import Telemetry

@Suite struct XRayTraceHeaderTests {
  static let root = "1-5759e988-bd862e3fe1be46a994272793"

  @Test func xrayHeader_parsesRootParentSampled() throws {
    let header = try #require(
      XRayTraceHeader("Root=\(Self.root);Parent=53995c3f42cd8ad8;Sampled=1"))
    #expect(header.root.xray == Self.root)
    #expect(header.parent?.hex == "53995c3f42cd8ad8")
    #expect(header.sampled == true)
    #expect(header.extra.isEmpty)
    #expect(header.headerValue == "Root=\(Self.root);Parent=53995c3f42cd8ad8;Sampled=1")
  }

  @Test func xrayHeader_fieldsInAnyOrderWithSpaces() throws {
    let header = try #require(
      XRayTraceHeader(" Sampled=0 ; Parent=53995c3f42cd8ad8;root=\(Self.root);"))
    #expect(header.root.xray == Self.root)
    #expect(header.parent?.hex == "53995c3f42cd8ad8")
    #expect(header.sampled == false)
  }

  @Test func xrayHeader_undecidedSampledIsNilAndLeftOut() throws {
    let header = try #require(XRayTraceHeader("Root=\(Self.root);Sampled=?"))
    #expect(header.sampled == nil)
    #expect(header.parent == nil)
    #expect(header.headerValue == "Root=\(Self.root)")
  }

  @Test func xrayHeader_keepsOtherFieldsInOrder() throws {
    let header = try #require(
      XRayTraceHeader(
        "Self=1-67891233-abcdef012345678912345678;Root=\(Self.root);Lineage=a87bd80c:1|68fd508a:5"))
    #expect(header.extra.map(\.key) == ["Self", "Lineage"])
    #expect(header.extra.last?.value == "a87bd80c:1|68fd508a:5")
    #expect(
      header.headerValue
        == "Root=\(Self.root);Self=1-67891233-abcdef012345678912345678;Lineage=a87bd80c:1|68fd508a:5"
    )
    #expect(XRayTraceHeader(header.headerValue) == header)
  }

  @Test(arguments: [
    "Parent=53995c3f42cd8ad8;Sampled=1",  // missing Root
    "Root=1-5759e988-bd862e3fe1be46a99427279",  // short root
    "Root=5759e988bd862e3fe1be46a994272793",  // W3C form is not an X-Ray root
    "Root=1-00000000-000000000000000000000000",  // all zero
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000",  // zero parent
    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad",  // short parent
    "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=yes",  // bad sampled
    // A repeated field.
    "Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-5759e988-bd862e3fe1be46a994272794",
    "Root=1-5759e988-bd862e3fe1be46a994272793;garbage",  // field without '='
    "",
  ])
  func xrayHeader_rejectsInvalid(_ text: String) {
    #expect(XRayTraceHeader(text) == nil)
  }

  @Test func xrayHeader_boundsLengthAndExtraFields() {
    let many = (0...XRayTraceHeader.maximumExtraFields).map { "k\($0)=v" }.joined(separator: ";")
    #expect(XRayTraceHeader("Root=\(Self.root);" + many) == nil)
    #expect(
      XRayTraceHeader(
        "Root=\(Self.root);x=" + String(repeating: "v", count: XRayTraceHeader.maximumLength))
        == nil)
  }
}
