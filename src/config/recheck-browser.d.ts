// recheck's pure-JS build has the same API as its main entry but ships no typings of its own.
declare module 'recheck/lib/browser.js' {
  export function checkSync(source: string, flags: string, params?: { timeout?: number }): {
    status: 'safe' | 'vulnerable' | 'unknown';
    complexity?: { type: string };
    attack?: { pattern: string };
  };
}
