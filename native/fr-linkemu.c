/*
 * fr-linkemu: a userspace link with a one-way delay, for kernels without netem.
 *
 * It joins two network namespaces with a pair of TAP devices: it setns()es into namespace A and
 * opens a TAP there (TUNSETIFF, IFF_TAP | IFF_NO_PI), then into B for the second, then back to
 * its own namespace (an open TAP fd keeps its device in the namespace it was created in). Every
 * frame read from one TAP is written to the other once the configured delay has passed, and, with
 * a rate, no earlier than the previous frame's serialisation allows. One thread, ppoll() with a
 * nanosecond timeout (timer slack 1 ns) to within SPIN_NS of the due time, then a busy wait: a
 * plain sleep overshoots by tens of microseconds. Queues are bounded (tail drop, as a full
 * buffer drops). Frames travel with their virtio-net header (GSO, see open_tap). The TAP devices
 * vanish with the process, so nothing is left behind.
 *
 * Exits on SIGTERM/SIGINT, and when its parent dies (PR_SET_PDEATHSIG). Prints "ready" on stdout
 * once both devices exist.
 *
 * usage: fr-linkemu NETNS_A DEV_A NETNS_B DEV_B DELAY_US [RATE_BPS]
 *   NETNS_*: a namespace file (/run/netns/NAME); DEV_*: the TAP's name there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 512         /* frames queued per direction */
#define FRAME_MAX 65550   /* a GSO frame (64 KiB) and its virtio-net header */
#define SPIN_NS 100000    /* busy-wait the last 100 us before a frame is due */
#define READ_BURST 64     /* frames read per wake-up per device, so one side cannot starve the other */

struct frame {
  int64_t due_ns;
  uint32_t len;
  unsigned char data[FRAME_MAX];
};

struct queue {
  struct frame *slots;
  unsigned head, count;
  int64_t last_departure_ns;
  uint64_t dropped;
};

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "fr-linkemu: %s: %s\n", what, strerror(errno));
  exit(1);
}

/* Opens a TAP named dev inside the namespace at netns_path. */
static int open_tap(const char *netns_path, const char *dev) {
  int ns = open(netns_path, O_RDONLY | O_CLOEXEC);
  if (ns < 0) die(netns_path);
  if (setns(ns, CLONE_NEWNET) < 0) die("setns");
  close(ns);
  int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) die("/dev/net/tun");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  /*
   * IFF_VNET_HDR with offloads: the kernel hands over TCP segments of up to 64 KiB (GSO) with a
   * virtio-net header, as a veth passes them, instead of splitting them into 1,514-byte frames; one
   * read and one write per 64 KiB is what keeps the link from capping throughput. Both devices
   * take the same offloads, so a header read from one is valid as written to the other.
   */
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
  if (strlen(dev) >= IFNAMSIZ) {
    errno = ENAMETOOLONG;
    die(dev);
  }
  strcpy(ifr.ifr_name, dev);
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) die("TUNSETIFF");
  int hdr = sizeof(struct virtio_net_hdr);
  if (ioctl(fd, TUNSETVNETHDRSZ, &hdr) < 0) die("TUNSETVNETHDRSZ");
  if (ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6) < 0) die("TUNSETOFFLOAD");
  return fd;
}

/* Reads what is waiting on fd into q, stamping each frame with its departure time. */
static void take(int fd, struct queue *q, int64_t delay_ns, int64_t rate_bps) {
  for (int i = 0; i < READ_BURST; i++) {
    struct frame scratch;
    struct frame *f = q->count < SLOTS ? &q->slots[(q->head + q->count) % SLOTS] : &scratch;
    ssize_t n = read(fd, f->data, FRAME_MAX);
    if (n <= 0) return;
    int64_t due = now_ns() + delay_ns;
    if (rate_bps > 0) {
      int64_t start = due > q->last_departure_ns ? due : q->last_departure_ns;
      /* The rate counts what goes on the wire: the frame, not its virtio-net header. */
      due = start + ((int64_t)n - (int64_t)sizeof(struct virtio_net_hdr)) * 8 * 1000000000LL / rate_bps;
      q->last_departure_ns = due;
    }
    if (f == &scratch) {
      q->dropped++;
      continue;
    }
    f->due_ns = due;
    f->len = (uint32_t)n;
    q->count++;
  }
}

/* Writes every due frame of q to fd; returns the next due time (INT64_MAX when empty). */
static int64_t give(int fd, struct queue *q) {
  int64_t t = now_ns();
  while (q->count > 0) {
    struct frame *f = &q->slots[q->head];
    if (f->due_ns > t) return f->due_ns;
    /* A full TAP queue on the far side drops the frame, as a full transmit queue would. */
    if (write(fd, f->data, f->len) < 0) q->dropped++;
    q->head = (q->head + 1) % SLOTS;
    q->count--;
  }
  return INT64_MAX;
}

int main(int argc, char **argv) {
  if (argc < 6 || argc > 7) {
    fprintf(stderr, "usage: fr-linkemu NETNS_A DEV_A NETNS_B DEV_B DELAY_US [RATE_BPS]\n");
    return 2;
  }
  pid_t parent = getppid();
  if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0) die("PR_SET_PDEATHSIG");
  if (getppid() != parent) return 0; /* the parent died before the line above */
  prctl(PR_SET_TIMERSLACK, 1UL);
  /* A frame waits for this process to wake up: ahead of ordinary work on a busy machine (root only). */
  setpriority(PRIO_PROCESS, 0, -10);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  /* Blocked except inside ppoll(), so a signal cannot slip in between the check and the wait. */
  sigset_t stops;
  sigemptyset(&stops);
  sigaddset(&stops, SIGTERM);
  sigaddset(&stops, SIGINT);
  sigprocmask(SIG_BLOCK, &stops, NULL);

  int64_t delay_ns = strtoll(argv[5], NULL, 10) * 1000LL;
  int64_t rate_bps = argc == 7 ? strtoll(argv[6], NULL, 10) : 0;
  if (delay_ns < 0 || rate_bps < 0) {
    fprintf(stderr, "fr-linkemu: delay and rate must not be negative\n");
    return 2;
  }

  int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self < 0) die("/proc/self/ns/net");
  int fds[2] = {open_tap(argv[1], argv[2]), open_tap(argv[3], argv[4])};
  if (setns(self, CLONE_NEWNET) < 0) die("setns back");
  close(self);

  struct queue queues[2]; /* queues[i]: frames read from fds[i], to be written to fds[1 - i] */
  for (int i = 0; i < 2; i++) {
    memset(&queues[i], 0, sizeof queues[i]);
    queues[i].slots = calloc(SLOTS, sizeof(struct frame));
    if (!queues[i].slots) die("calloc");
  }
  printf("ready\n");
  fflush(stdout);

  sigset_t none;
  sigemptyset(&none);
  while (!stopping) {
    int64_t next = INT64_MAX;
    for (int i = 0; i < 2; i++) {
      int64_t due = give(fds[1 - i], &queues[i]);
      if (due < next) next = due;
    }
    struct pollfd pfd[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}};
    struct timespec timeout, *tp = NULL;
    if (next != INT64_MAX) {
      int64_t wait = next - now_ns() - SPIN_NS;
      if (wait < 0) wait = 0; /* close to due: poll without sleeping (the busy wait) */
      timeout.tv_sec = wait / 1000000000LL;
      timeout.tv_nsec = wait % 1000000000LL;
      tp = &timeout;
    }
    int ready = ppoll(pfd, 2, tp, &none);
    if (ready < 0) {
      if (errno == EINTR) continue;
      die("ppoll");
    }
    for (int i = 0; i < 2; i++)
      if (pfd[i].revents & POLLIN) take(fds[i], &queues[i], delay_ns, rate_bps);
  }
  fprintf(stderr, "fr-linkemu: stopping (dropped %llu + %llu frames)\n", (unsigned long long)queues[0].dropped, (unsigned long long)queues[1].dropped);
  return 0;
}
