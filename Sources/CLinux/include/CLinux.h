#ifndef SIDECARLAB_CLINUX_H
#define SIDECARLAB_CLINUX_H
// Linux calls and macros that Swift's Glibc module does not export, as static inline wrappers.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <sys/uio.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <pthread.h>

static inline int clinux_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }
static inline int clinux_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
  struct epoll_event ev;
  ev.events = events;
  ev.data.u64 = data;
  return epoll_ctl(epfd, op, fd, &ev);
}
/// Waits and copies ready events into two parallel arrays (events, data) so Swift need not
/// know the packed layout of `struct epoll_event`.
static inline int clinux_epoll_wait(int epfd, uint32_t *events, uint64_t *data, int max, int timeout_ms) {
  struct epoll_event evs[256];
  if (max > 256) max = 256;
  int n = epoll_wait(epfd, evs, max, timeout_ms);
  for (int i = 0; i < n; i++) { events[i] = evs[i].events; data[i] = evs[i].data.u64; }
  return n;
}
static const uint32_t CLINUX_EPOLLIN = EPOLLIN;
static const uint32_t CLINUX_EPOLLOUT = EPOLLOUT;
static const uint32_t CLINUX_EPOLLERR = EPOLLERR;
static const uint32_t CLINUX_EPOLLHUP = EPOLLHUP;
static const uint32_t CLINUX_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CLINUX_EPOLLET = EPOLLET;
static const int CLINUX_EPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int CLINUX_EPOLL_CTL_MOD = EPOLL_CTL_MOD;
static const int CLINUX_EPOLL_CTL_DEL = EPOLL_CTL_DEL;

static inline int clinux_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
static inline int clinux_timerfd(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC); }
static inline int clinux_timerfd_set_ms(int fd, long first_ms, long interval_ms) {
  struct itimerspec spec;
  spec.it_value.tv_sec = first_ms / 1000;
  spec.it_value.tv_nsec = (first_ms % 1000) * 1000000L;
  spec.it_interval.tv_sec = interval_ms / 1000;
  spec.it_interval.tv_nsec = (interval_ms % 1000) * 1000000L;
  return timerfd_settime(fd, 0, &spec, 0);
}

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC; defined in shim.c, which needs _GNU_SOURCE.
int clinux_accept4(int fd);
static inline int clinux_socket_tcp(int family) { return socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }
static inline int clinux_socket_udp(int family) { return socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }
static inline int clinux_set_int_option(int fd, int level, int name, int value) {
  return setsockopt(fd, level, name, &value, sizeof(value));
}
static const int CLINUX_SO_REUSEPORT = SO_REUSEPORT;
static const int CLINUX_SO_REUSEADDR = SO_REUSEADDR;
static const int CLINUX_TCP_NODELAY = TCP_NODELAY;
static const int CLINUX_MSG_NOSIGNAL = MSG_NOSIGNAL;

/// Sets the calling process to receive `sig` when its parent dies (PR_SET_PDEATHSIG).
static inline int clinux_set_parent_death_signal(int sig) { return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0); }

/// Names the calling thread (PR_SET_NAME, at most 15 bytes), as `top -H` and gdb show it.
static inline int clinux_set_thread_name(const char *name) { return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0); }

/// Blocks `sig` in the calling thread (and threads it starts afterwards).
static inline int clinux_block_signal(int sig) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  return pthread_sigmask(SIG_BLOCK, &set, 0);
}

static inline int clinux_wifexited(int status) { return WIFEXITED(status); }
static inline int clinux_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int clinux_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int clinux_wtermsig(int status) { return WTERMSIG(status); }
static inline int clinux_wifstopped(int status) { return WIFSTOPPED(status); }
/// pidfd_open(2) (Linux >= 5.3): a descriptor that becomes readable when `pid` exits; close-on-exec.
int clinux_pidfd_open(int pid);
/// close_range(2) from `first` up: closes every descriptor a launcher must not pass on to its target.
int clinux_close_from(int first);
/// pipe2(2) with O_CLOEXEC on both ends.
int clinux_pipe_cloexec(int fds[2]);
/// recvmmsg(2) without a timeout, over `count` (at most CLINUX_RECVMMSG_MAX) `msghdr`s, since
/// Swift's Glibc does not export `struct mmsghdr`: each received message's `msg_controllen` and
/// `msg_flags` are written back to `messages` and its length (`msg_len`) to `lengths`.
int clinux_recvmmsg(int fd, struct msghdr *messages, unsigned int *lengths, unsigned int count, int flags);
#define CLINUX_RECVMMSG_MAX 64
#endif
