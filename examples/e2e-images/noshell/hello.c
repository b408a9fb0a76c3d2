/* The noshell image's program: "hello" prints a line; "serve" waits for SIGTERM/SIGINT and exits 0,
   so the image can run as a long-lived Kubernetes container without any shell. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop = 0;
static void on_signal(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "serve") == 0) {
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    puts("whittle noshell e2e image: serving until SIGTERM");
    fflush(stdout);
    while (!stop) pause();
    return 0;
  }
  puts("whittle noshell e2e image");
  return 0;
}
