// The floor of any Node tool on a working tree: start Node, ask git for the files, read every byte,
// match nothing. A bench row of its own, so that secretguard and ripgrep can be compared with it.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const listing = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { maxBuffer: 1 << 30 });
let bytes = 0;
for (const path of listing.toString('utf8').split('\0')) {
  if (path) bytes += readFileSync(path).length;
}
if (bytes === 0) process.exitCode = 1;
