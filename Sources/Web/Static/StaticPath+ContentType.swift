extension StaticPath {
  /// The media type for the file's extension (RFC 9110 §8.3), `charset=utf-8` on text types;
  /// unknown extensions are `application/octet-stream` so browsers do not guess.
  var contentType: String {
    guard let dot = fileName.lastIndex(of: ".") else { return "application/octet-stream" }
    switch fileName[fileName.index(after: dot)...].lowercased() {
    case "html", "htm": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "js", "mjs": return "text/javascript; charset=utf-8"  // RFC 9239 §6
    case "txt": return "text/plain; charset=utf-8"
    case "md": return "text/markdown; charset=utf-8"  // RFC 7763
    case "json", "map": return "application/json"  // RFC 8259 §11: UTF-8, no charset
    case "svg": return "image/svg+xml"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "gif": return "image/gif"
    case "webp": return "image/webp"
    case "ico": return "image/x-icon"
    case "woff2": return "font/woff2"  // RFC 8081
    case "wasm": return "application/wasm"
    case "pdf": return "application/pdf"
    default: return "application/octet-stream"
    }
  }
}
