/// A mesh form the server refused, with the text as typed and each problem by field: the page
/// shows it again in place of the form built from the saved document.
enum MeshRefusedForm: Error, Sendable {
  case route(MeshRouteForm)
  case node(MeshNodeForm)
}
