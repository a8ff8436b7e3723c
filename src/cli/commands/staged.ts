import type { Argv } from 'yargs';
import { STAGED_OPTIONS, type ArgsOf } from '../options.js';
import { projectSettings } from '../project-options.js';
import { withOptions } from '../yargs-options.js';

export const command = 'staged';
export const describe = 'Scan what the next commit will record (the pre-commit hook runs this)';

export function builder(yargs: Argv) {
  return withOptions(yargs, STAGED_OPTIONS);
}

export type StagedArgs = ArgsOf<typeof STAGED_OPTIONS>;

export async function handler(args: StagedArgs): Promise<number> {
  const [{ scanStaged }, { scanOptionsOf }, { report }] = await Promise.all([
    import('../../scan.js'),
    import('../../config/project.js'),
    import('../report.js'),
  ]);
  const settings = await projectSettings('.', args);
  const result = await scanStaged({ ...scanOptionsOf(settings, args['max-file-size']), allLines: args['all-lines'] });
  const code = await report(result, { format: args.format, output: args.output, failOn: settings.failOn });
  if (code === 1 && args.format === 'text') process.stderr.write(blockedMessage(result.findings.map((f) => f.file)));
  return code;
}

function blockedMessage(files: string[]): string {
  const unique = [...new Set(files)];
  const quoted = unique.map((f) => (/^[\w./@-]+$/.test(f) ? f : JSON.stringify(f))).join(' ');
  return [
    '',
    'secretguard blocked this commit: the staged changes contain secrets (shown redacted above).',
    '  1. Move each value to .env.local (kept out of Git by .gitignore) and read it with process.env.NAME.',
    `  2. Unstage what you changed: git restore --staged -- ${quoted}`,
    '  3. Rotate any key that was ever committed or pushed: it is in Git history.',
    '  A false positive? Put secretguard:allow in a comment on that line.',
    '  (git commit --no-verify skips every hook: use it only when you know the finding is wrong.)',
    '',
  ].join('\n');
}
