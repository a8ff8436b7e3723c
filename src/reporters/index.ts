import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import type { Reporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export const reporters = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
} satisfies Record<string, Reporter>;

export type Format = keyof typeof reporters;
export const FORMATS = Object.keys(reporters) as Format[];
