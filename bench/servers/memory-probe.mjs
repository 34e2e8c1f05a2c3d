// Preloaded into a server of the memory suite (`node --expose-gc --import
// ./memory-probe.mjs server.mjs`): answers the suite's IPC message
// `{ probe: id }` with the server's memory after a full GC,
// `{ probe: id, rss, heapUsed }`. It lives in the server process because only
// that process can force its own GC; it adds the same few objects to every
// server measured.
if (typeof globalThis.gc !== 'function')
  throw new Error('memory-probe: start the server with --expose-gc');
if (typeof process.send !== 'function')
  throw new Error('memory-probe: start the server with an IPC channel');

process.on('message', (message) => {
  if (message?.probe === undefined) return;
  // Twice: the first collection's finalizers and weak callbacks can free more on the second.
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  process.send({ probe: message.probe, rss, heapUsed });
});
// The channel must not keep a server alive by itself once the server closes.
process.channel?.unref();
