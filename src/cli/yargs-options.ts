import type { Argv, Options } from 'yargs';
import { UsageError } from '../errors.js';
import { COUNT_ERROR, parseCount, type OptionTable } from './options.js';

/** A table of src/cli/options.ts as yargs options (for help and error messages). */
export function withOptions<T>(yargs: Argv<T>, table: OptionTable): Argv<T> {
  let built = yargs;
  for (const [name, spec] of Object.entries(table)) {
    const option: Options = { type: spec.type, describe: spec.describe };
    if (spec.short) option.alias = spec.short;
    if (spec.default !== undefined) option.default = spec.default;
    if (spec.choices) option.choices = spec.choices;
    if (spec.count) {
      option.coerce = (value: string | number) => {
        const count = parseCount(value);
        if (count === undefined) throw new UsageError(`--${name} ${COUNT_ERROR}`);
        return count;
      };
    }
    built = built.option(name, option);
  }
  return built;
}
