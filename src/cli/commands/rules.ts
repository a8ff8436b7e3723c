import type { Argv } from 'yargs';

export const command = 'rules';
export const describe = 'List every rule and project check (id, provider, severity, description)';

export function builder(yargs: Argv) {
  return yargs.option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as 'text' | 'json' });
}

type Args = Awaited<ReturnType<typeof builder>['argv']>;

export async function handler(args: Args): Promise<number> {
  const { builtinRules } = await import('../../rules/index.js');
  const { fileChecks, projectChecks } = await import('../../checks/index.js');
  const rows = builtinRules.map((rule) => ({
    id: rule.id,
    provider: rule.provider,
    severity: rule.severity,
    title: rule.title,
    publicByDesign: rule.public === true,
    fix: rule.fix,
  }));
  const checks = [...projectChecks, ...fileChecks].map((check) => ({
    id: check.id,
    provider: check.provider,
    severity: check.severity,
    title: check.title,
    fix: check.fix,
  }));
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify({ version: 1, rules: rows, checks }, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...[...rows, ...checks].map((r) => r.id.length));
  for (const row of rows) {
    const severity = row.publicByDesign ? 'public' : row.severity;
    process.stdout.write(`${row.id.padEnd(width)}  ${severity.padEnd(8)}  ${row.provider}: ${row.title}\n`);
  }
  process.stdout.write('\nproject checks:\n');
  for (const check of checks) process.stdout.write(`${check.id.padEnd(width)}  ${check.severity.padEnd(8)}  ${check.title}\n`);
  return 0;
}
