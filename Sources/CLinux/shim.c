// Wrappers that need _GNU_SOURCE live here, out of the header Swift imports (defining it
// there would make the header's view of Glibc differ from the Glibc module's).
#define _GNU_SOURCE 1
#include <sys/socket.h>
#include "CLinux.h"

int clinux_accept4(int fd) { return accept4(fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC); }
