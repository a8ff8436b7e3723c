declare const SECRETGUARD_VERSION: string | undefined;

/** Injected by the bundler; yargs cannot find package.json from inside a bundle. */
export const VERSION: string = typeof SECRETGUARD_VERSION === 'string' ? SECRETGUARD_VERSION : '0.0.0-dev';
