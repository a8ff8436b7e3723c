import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import * as scanCommand from '../src/cli/commands/scan.js';
import * as stagedCommand from '../src/cli/commands/staged.js';
import { parseFast } from '../src/cli/fast-command.js';
import { SCAN_OPTIONS, STAGED_OPTIONS, type OptionTable } from '../src/cli/options.js';

// `scan` and `staged` are parsed twice over one table: by util.parseArgs on the fast path, and by
// yargs when the fast path declines (for help and error messages). Whatever the fast path accepts,
// it must read exactly as yargs does.

interface Command {
  name: string;
  table: OptionTable;
  builder: (y: ReturnType<typeof yargs>) => unknown;
  positional?: { name: string; default: string };
}

const scan: Command = { name: 'scan', table: SCAN_OPTIONS, builder: scanCommand.builder as Command['builder'], positional: { name: 'path', default: '.' } };
const staged: Command = { name: 'staged', table: STAGED_OPTIONS, builder: stagedCommand.builder as Command['builder'] };

/** What yargs makes of `argv` for the table's options (and the positional), or the error it names. */
function viaYargs(command: Command, argv: string[]): Record<string, unknown> | { error: string } {
  let parsed: Record<string, unknown> | undefined;
  try {
    yargs([command.name, ...argv])
      .command(`${command.name}${command.positional ? ` [${command.positional.name}]` : ''}`, '', command.builder as never, (args) => {
        parsed = args as Record<string, unknown>;
      })
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new Error(message);
      })
      .parseSync();
  } catch (error) {
    return { error: (error as Error).message };
  }
  const keys = [...Object.keys(command.table), ...(command.positional ? [command.positional.name] : [])];
  return Object.fromEntries(keys.map((key) => [key, parsed![key]]));
}

const accepted: [Command, string[]][] = [
  [scan, []],
  [scan, ['src']],
  [scan, ['--format', 'json']],
  [scan, ['-f', 'sarif', '-o', 'out.sarif']],
  [scan, ['--format=github', 'app']],
  [scan, ['--no-baseline']],
  [scan, ['--baseline', 'b.json', '-c', 'config.json']],
  [scan, ['--max-file-size', '1000']],
  [scan, ['--max-file-size=2048']],
  [scan, ['--range', 'main..HEAD']],
  [scan, ['--history', '--verbose']],
  [scan, ['--stdin', '--stdin-name', 'x.ts']],
  [scan, ['--prune', '--allow-incomplete', '.']],
  [staged, []],
  [staged, ['--all-lines', '-f', 'json']],
  [staged, ['--no-baseline', '--max-file-size', '5']],
  [staged, ['--output', 'report.txt', '--verbose']],
];

const declined: [Command, string[]][] = [
  [scan, ['--help']],
  [scan, ['--version']],
  [scan, ['--format', 'nope']],
  [scan, ['--max-file-size', '0']],
  [scan, ['--max-file-size', '1.5']],
  [scan, ['--max-file-size', 'ten']],
  [scan, ['--bogus']],
  [scan, ['one', 'two']],
  [scan, ['--format', 'json', '--format', 'text']],
  [scan, ['--baseline', 'x', '--no-baseline']],
  [scan, ['--maxFileSize', '5']],
  [scan, ['--output']],
  [scan, ['--history=yes']],
  [scan, ['--', '-odd-folder-name']],
  [staged, ['somewhere']],
  [staged, ['-x']],
];

describe('the fast path and yargs read the same options from one table', () => {
  it.each(accepted.map(([command, argv]) => [`${command.name} ${argv.join(' ')}`, command, argv] as const))('%s: the fast path accepts it and reads what yargs reads', (_, command, argv) => {
    const fast = parseFast(argv, command.table, command.positional);
    expect(fast).toBeDefined();
    expect(fast).toEqual(viaYargs(command, argv));
  });

  it.each(declined.map(([command, argv]) => [`${command.name} ${argv.join(' ')}`, command, argv] as const))('%s: the fast path leaves it to yargs', (_, command, argv) => {
    expect(parseFast(argv, command.table, command.positional)).toBeUndefined();
  });

  it('yargs refuses what the fast path declines for a bad value, with the option named', () => {
    expect(viaYargs(scan, ['--max-file-size', '0'])).toEqual({ error: '--max-file-size takes a whole number of bytes above 0' });
    expect(viaYargs(scan, ['--format', 'nope'])).toMatchObject({ error: expect.stringContaining('format') });
    expect(viaYargs(scan, ['--range', 'a..b', '--history'])).toMatchObject({ error: expect.stringContaining('mutually exclusive') });
  });
});
