import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { colorsFor, plain } from '../reporters/colors.js';
import { reporters, type Format } from '../reporters/index.js';
import { summaryLine } from '../reporters/text.js';
import { severityRank, type ScanResult, type Severity } from '../types.js';
import { debugResult } from './debug-log.js';
import { VERSION } from './version.js';

export interface ReportOptions {
  format: Format;
  output?: string;
  allowIncomplete?: boolean;
  /** Lowest severity that makes the exit code 1 (default low: any finding). */
  failOn?: Severity;
}

/** Write the report (stdout or --output) and return the exit code: 0 clean, 1 findings, 2 incomplete. */
export async function report(result: ScanResult, options: ReportOptions): Promise<number> {
  await debugResult(result);
  const toFile = options.output !== undefined;
  const colors = toFile ? plain : colorsFor(process.stdout);
  const text = reporters[options.format](result, { colors, toolVersion: VERSION });
  if (toFile) {
    await writeFile(options.output!, text).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write ${options.output}: ${error.code ?? error.message}`);
    });
    process.stderr.write(summaryLine(result.summary, colorsFor(process.stderr)) + '\n');
  } else {
    process.stdout.write(text);
  }
  const { unreadable } = result.summary.skipped;
  if (unreadable.length > 0 && !options.allowIncomplete) {
    process.stderr.write(`secretguard: incomplete scan: ${unreadable.length} file(s) could not be read (--allow-incomplete to accept)\n`);
    return 2;
  }
  const failOn = severityRank(options.failOn ?? 'low');
  return result.findings.some((f) => severityRank(f.severity) >= failOn) ? 1 : 0;
}
