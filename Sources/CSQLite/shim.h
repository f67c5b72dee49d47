#ifndef SIDECARLAB_CSQLITE_SHIM_H
#define SIDECARLAB_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: tell SQLite to copy the bytes.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics
/// (SQLITE_CONFIG_MEMSTATUS, sqlite.org/c3ref/c_config_covering_index_scan.html): they take a
/// process-wide mutex around every allocation and free. Only takes effect before SQLite is
/// initialized (SQLITE_MISUSE after).
static inline int csqlite_disable_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
