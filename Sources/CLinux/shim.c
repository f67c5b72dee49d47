// Wrappers that need _GNU_SOURCE live here, out of the header Swift imports (defining it
// there would make the header's view of Glibc differ from the Glibc module's).
#define _GNU_SOURCE 1
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <fcntl.h>
#include "CLinux.h"

int clinux_accept4(int fd) { return accept4(fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC); }
int clinux_pidfd_open(int pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }
int clinux_close_from(int first) { return (int)syscall(SYS_close_range, (unsigned)first, ~0U, 0); }
int clinux_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
int clinux_recvmmsg(int fd, struct msghdr *messages, unsigned int *lengths, unsigned int count, int flags) {
  struct mmsghdr batch[CLINUX_RECVMMSG_MAX];
  if (count > CLINUX_RECVMMSG_MAX) count = CLINUX_RECVMMSG_MAX;
  for (unsigned int i = 0; i < count; i++) { batch[i].msg_hdr = messages[i]; batch[i].msg_len = 0; }
  int received = recvmmsg(fd, batch, count, flags, 0);
  for (int i = 0; i < received; i++) { messages[i] = batch[i].msg_hdr; lengths[i] = batch[i].msg_len; }
  return received;
}
