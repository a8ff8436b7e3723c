import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colour is decided here, not by picocolors (which reads only stdout and takes FORCE_COLOR=0 as on):
 * NO_COLOR turns it off, FORCE_COLOR=0|false off and any other FORCE_COLOR on, else the stream's TTY.
 */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  return pc.createColors(shouldColor(stream, env));
}

export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true;
}

/** For files: a report written to disk never carries escape codes, whatever FORCE_COLOR says. */
export const plain: Colors = pc.createColors(false);
