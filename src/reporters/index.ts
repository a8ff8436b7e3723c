import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import type { Reporter } from './reporter.js';
import { FORMATS, type Format } from './formats.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export const reporters: Record<Format, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};

export { FORMATS, type Format };
