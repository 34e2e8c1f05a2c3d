// Thousands of sockets in one process need more file descriptors than the
// usual soft limit (often 1,024). `ulimit -n` is a shell builtin, so a child
// that needs them is started through `sh`, which raises its soft limit to the
// hard limit and then execs the real command (same pid, same stdio and IPC
// channel).

/** `[command, args]` that run `command args` with the soft fd limit raised to the hard limit (POSIX; unchanged on Windows). */
export function withFdLimit(command, args) {
  if (process.platform === 'win32') return [command, args];
  return ['sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', command, ...args]];
}
