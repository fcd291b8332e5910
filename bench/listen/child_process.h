// Child processes for the listen benchmark: start `ledgerline serve` / `redis-server`, find the
// port they print, read their resident memory and CPU time, stop them.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace listen_bench {

class ChildProcess {
 public:
  // Starts argv[0] with stdout+stderr captured; false (with a message on stderr) on failure.
  bool start(const std::vector<std::string>& argv);
  // Reads output until a line contains `needle`; returns that line ("" on timeout or exit).
  std::string wait_for_line(const std::string& needle, std::chrono::milliseconds timeout);
  // SIGTERM, wait up to 10 s, then SIGKILL. Returns the exit status text.
  std::string stop();
  pid_t pid() const { return pid_; }
  const std::string& output() const { return output_; }
  ~ChildProcess();

 private:
  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::string output_;
};

// VmRSS of a process in KiB (0 when unknown).
long resident_kib(pid_t pid);

// CPU time (user + system, all threads) a process has used so far, in microseconds; 0 when
// unknown. `pid` 0 is this process.
double cpu_microseconds(pid_t pid);

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

// Raises RLIMIT_NOFILE to the hard limit; returns the new soft limit.
long raise_fd_limit();

}  // namespace listen_bench
