// Preloaded (NODE_OPTIONS=--import) into Node commands when /usr/bin/time is missing: writes the
// process's peak RSS in KiB to $SECRETGUARD_BENCH_RSS on exit.
import { writeFileSync } from 'node:fs';

const out = process.env.SECRETGUARD_BENCH_RSS;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
