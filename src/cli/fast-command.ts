import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseCount, SCAN_CONFLICTS, SCAN_OPTIONS, STAGED_OPTIONS, type OptionTable } from './options.js';
import { printError } from './print-error.js';

/**
 * `scan` and `staged` (the pre-commit hook runs it on every commit) start without yargs, whose
 * loading and help building cost about 60 ms of every run (measured): their options are parsed
 * from the same table with Node's own `util.parseArgs`. Anything the table does not plainly
 * accept (help, a typo, a bad value, an option given twice) goes to yargs, for the usual messages.
 */
const COMMANDS: Record<string, FastCommand> = {
  scan: { options: SCAN_OPTIONS, positional: { name: 'path', default: '.' }, conflicts: SCAN_CONFLICTS, load: () => import('./commands/scan.js') },
  staged: { options: STAGED_OPTIONS, conflicts: [], load: () => import('./commands/staged.js') },
};

interface FastCommand {
  options: OptionTable;
  positional?: { name: string; default: string };
  conflicts: readonly (readonly [string, string])[];
  load(): Promise<{ handler(args: never): Promise<number> }>;
}

/** The command's exit code, or undefined when yargs is to parse `argv`. */
export async function fastCommand(argv: readonly string[]): Promise<number | undefined> {
  const command = Object.hasOwn(COMMANDS, argv[0] ?? '') ? COMMANDS[argv[0]!]! : undefined;
  if (!command) return undefined;
  const args = parseFast(argv.slice(1), command.options, command.positional);
  if (!args || command.conflicts.some(([a, b]) => args[a] !== undefined && args[b] !== undefined)) return undefined;
  const { handler } = await command.load();
  return (handler as (args: Record<string, unknown>) => Promise<number>)(args).catch(printError);
}

/** Parse with the table, or undefined when yargs has to. */
export function parseFast(argv: readonly string[], table: OptionTable, positional?: { name: string; default: string }): Record<string, unknown> | undefined {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(table)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
    if (spec.negatable) options[`no-${name}`] = { type: 'boolean' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: positional !== undefined, tokens: true });
  } catch {
    return undefined;
  }
  // Given twice, or with its negation, or after `--`: yargs decides what that means.
  const given = parsed.tokens.flatMap((token) => (token.kind === 'option' ? [token.name.replace(/^no-/, '')] : []));
  if (new Set(given).size !== given.length || parsed.positionals.length > 1 || parsed.tokens.some((t) => t.kind === 'option-terminator')) return undefined;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const args: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    let value: unknown = values[`no-${name}`] ? false : (values[name] ?? spec.default);
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) return undefined;
    if (typeof value === 'string' && spec.count && (value = parseCount(value)) === undefined) return undefined;
    args[name] = value;
  }
  if (positional) args[positional.name] = parsed.positionals[0] ?? positional.default;
  return args;
}
