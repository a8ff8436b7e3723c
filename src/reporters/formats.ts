/** Report format names: a module of its own so that the CLI's option parsing loads no reporter. */
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

export type Format = (typeof FORMATS)[number];
