import yargs from 'yargs';
import { UsageError } from '../errors.js';
import { install, uninstall } from './commands/install.js';
import * as baselineCommand from './commands/baseline.js';
import * as rulesCommand from './commands/rules.js';
import * as scanCommand from './commands/scan.js';
import * as stagedCommand from './commands/staged.js';
import { printError } from './print-error.js';
import { VERSION } from './version.js';

/** Parse argv, run one command, and return its exit code. Every failure is one line and exit 2. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  // yargs drops a bare `-`; the Unix convention for standard input becomes --stdin.
  const parser = yargs(argv.map((arg) => (arg === '-' ? '--stdin' : arg)))
    .scriptName('secretguard')
    .version(VERSION)
    .command(scanCommand.command, scanCommand.describe, scanCommand.builder, async (args) => {
      exitCode = await scanCommand.handler(args as unknown as scanCommand.ScanArgs);
    })
    .command(stagedCommand.command, stagedCommand.describe, stagedCommand.builder, async (args) => {
      exitCode = await stagedCommand.handler(args as unknown as stagedCommand.StagedArgs);
    })
    .command(baselineCommand.command, baselineCommand.describe, baselineCommand.builder, async (args) => {
      exitCode = await baselineCommand.handler(args as unknown as baselineCommand.BaselineArgs);
    })
    .command(rulesCommand.command, rulesCommand.describe, rulesCommand.builder, async (args) => {
      exitCode = await rulesCommand.handler(args);
    })
    .command(install.command, install.describe, install.builder, async () => {
      exitCode = await install.handler();
    })
    .command(uninstall.command, uninstall.describe, uninstall.builder, async () => {
      exitCode = await uninstall.handler();
    })
    .demandCommand(1, 'name a command: scan [path], staged, install, uninstall, baseline, rules (see --help)')
    .strict()
    .help()
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own errors (bad option values, coerce failures) are usage errors; others are bugs.
      if (!error || error.name === 'YError' || error instanceof UsageError) throw new UsageError(message || error?.message || 'usage error');
      throw error;
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    return printError(error);
  }
  return exitCode;
}
