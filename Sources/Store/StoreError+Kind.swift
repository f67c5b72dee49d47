import CSQLite

extension StoreError {
  /// The failures callers act on, folded from the result codes (sqlite.org/rescode.html).
  public enum Kind: Sendable, Hashable {
    case constraintUnique, constraintForeignKey, constraintNotNull, constraintCheck,
      constraintPrimaryKey
    case constraintOther
    case busy, locked, readOnly, corrupt, full, cannotOpen, misuse, other
  }

  public var kind: Kind {
    switch code {
    case SQLITE_CONSTRAINT:
      // sqlite3.h builds `SQLITE_CONSTRAINT_*` as `SQLITE_CONSTRAINT | (n<<8)`, a macro Swift
      // cannot import; n is CHECK 1, FOREIGNKEY 3, NOTNULL 5, PRIMARYKEY 6, UNIQUE 8.
      switch extendedCode >> 8 {
      case 8: .constraintUnique
      case 3: .constraintForeignKey
      case 5: .constraintNotNull
      case 1: .constraintCheck
      case 6: .constraintPrimaryKey
      default: .constraintOther
      }
    case SQLITE_BUSY: .busy
    case SQLITE_LOCKED: .locked
    case SQLITE_READONLY: .readOnly
    case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
    case SQLITE_FULL: .full
    case SQLITE_CANTOPEN: .cannotOpen
    case SQLITE_MISUSE: .misuse
    default: .other
    }
  }
}
