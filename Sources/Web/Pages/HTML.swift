import Labs

/// HTML escaping for every dynamic value put in a page: the one implementation, shared with
/// the Markdown renderer (`&`, `<`, `>`, `"`, `'` become references; HTML Living Standard §13.1.2).
public typealias HTML = HTMLEscape
