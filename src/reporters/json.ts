import type { Reporter } from './reporter.js';

/** `{"version":1,"findings":[…],"summary":{…}}`: a public interface, documented in the README. */
export const jsonReporter: Reporter = ({ findings, summary }) =>
  JSON.stringify({ version: 1, findings, summary }, null, 2) + '\n';
