// Loaded with `node --import ./bench/cpu-probe.mjs ...` by the start-up benches: writes the CPU time this process
// used (user + system, ms) to $BENCH_CPU_FILE when it receives SIGTERM (the bot: start to ready plus idle time,
// which costs no CPU) or, failing that, when it exits (the CLI). CPU time hardly changes with the machine's load,
// wall time does: both are printed.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_CPU_FILE;
if (file) {
  let written = false;
  const report = () => {
    if (written) return;
    written = true;
    const { user, system } = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (user + system) / 1000 }));
  };
  process.prependListener('SIGTERM', report);
  process.on('exit', report);
}
