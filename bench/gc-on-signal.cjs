// Preloaded (node --expose-gc --require) into the bot started by bench/memory.bench.ts, never in production: on
// SIGUSR2 it collects garbage twice and prints one line "MEM {rss, heapUsed, ...}" on stdout.
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  process.stdout.write(`MEM ${JSON.stringify(process.memoryUsage())}\n`);
});
