import { FORMATS } from '../reporters/formats.js';

/**
 * The scanning commands' options, as data: yargs builds help and error messages from these
 * (src/cli/yargs-options.ts), and the fast path parses the same table with Node's own
 * `util.parseArgs` (src/cli/fast-command.ts), so that `scan` and the pre-commit hook start without
 * loading yargs.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  describe: string;
  default?: string | boolean;
  choices?: readonly string[];
  /** A string that must be a whole number above 0; parsed to a number. */
  count?: true;
  /** `--no-<name>` sets it to false. */
  negatable?: true;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

const PROJECT_OPTIONS = {
  config: { type: 'string', short: 'c', describe: 'config file (default: secretguard.config.json, .secretguardrc.json or package.json "secretguard" at the repository root)' },
  baseline: { type: 'string', negatable: true, describe: 'baseline file (default: .secretguard-baseline.json at the repository root); --no-baseline ignores it' },
  verbose: { type: 'boolean', default: false, describe: 'log what was decided and skipped to stderr' },
  'max-file-size': { type: 'string', count: true, describe: 'skip files larger than this many bytes (default 10 MB, or maxFileSize in the config)' },
} as const satisfies OptionTable;

const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f', choices: FORMATS, default: 'text', describe: 'report format' },
  output: { type: 'string', short: 'o', describe: 'write the report to this file' },
} as const satisfies OptionTable;

export const SCAN_OPTIONS = {
  ...PROJECT_OPTIONS,
  ...REPORT_OPTIONS,
  stdin: { type: 'boolean', default: false, describe: 'scan standard input (same as - for path)' },
  'stdin-name': { type: 'string', default: 'stdin', describe: 'file name to give standard input' },
  range: { type: 'string', describe: 'scan what the commits of BASE..HEAD add (with their commit, author, date)' },
  history: { type: 'boolean', describe: 'scan what every commit of every ref ever added' },
  prune: { type: 'boolean', default: false, describe: 'remove baseline entries that no longer match anything' },
  'allow-incomplete': { type: 'boolean', default: false, describe: 'exit 0/1 even when some files could not be read' },
} as const satisfies OptionTable;

export const STAGED_OPTIONS = {
  ...PROJECT_OPTIONS,
  ...REPORT_OPTIONS,
  'all-lines': { type: 'boolean', default: false, describe: 'report findings on every line of the staged files, not only changed ones' },
} as const satisfies OptionTable;

export const BASELINE_OPTIONS = {
  ...PROJECT_OPTIONS,
  output: { type: 'string', short: 'o', describe: 'baseline file (default .secretguard-baseline.json at the repository root)' },
  history: { type: 'boolean', describe: 'record what the whole history holds, not only the current files' },
} as const satisfies OptionTable;

export const COUNT_ERROR = 'takes a whole number of bytes above 0';

/** The value of a `count` option, or undefined when it is not a whole number above 0. */
export function parseCount(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

type ValueOf<S extends OptionSpec> = S['count'] extends true ? number : S['type'] extends 'boolean' ? boolean : S['choices'] extends readonly (infer C)[] ? C : string;

/** The parsed options of a table: those with a default are always set; a negatable one can be false. */
export type ArgsOf<T extends OptionTable> = {
  -readonly [K in keyof T]: T[K] extends { default: unknown } ? ValueOf<T[K]> : (T[K] extends { negatable: true } ? ValueOf<T[K]> | false : ValueOf<T[K]>) | undefined;
};

/** Options of `scan` that cannot be given together. */
export const SCAN_CONFLICTS = [['range', 'history']] as const;
