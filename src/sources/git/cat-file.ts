import { gitStream } from './run.js';

export type Blob = { id: string; content: Buffer } | { id: string; tooLarge: true } | { id: string; missing: true };

/**
 * Read many blobs through one `git cat-file --batch` process, in request order. Blobs over
 * `maxSize` are drained, not kept: a 200 MB file costs no memory.
 */
export async function* readBlobs(ids: readonly string[], cwd: string, maxSize: number): AsyncGenerator<Blob> {
  if (ids.length === 0) return;
  const { child, done } = gitStream(['cat-file', '--batch'], cwd);
  child.stdin.on('error', () => undefined); // git exiting early surfaces through `done`
  child.stdin.end(ids.join('\n') + '\n');

  let header: string | undefined;
  let parts: Buffer[] = [];
  let headerBytes: Buffer[] = [];
  let remaining = 0; // body bytes still to come for the current blob, then one '\n'
  let keep = false;
  let current = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    let at = 0;
    while (at < chunk.length) {
      if (header === undefined) {
        const nl = chunk.indexOf(10, at);
        if (nl === -1) {
          headerBytes.push(chunk.subarray(at));
          break;
        }
        headerBytes.push(chunk.subarray(at, nl));
        const line = Buffer.concat(headerBytes).toString('utf8');
        headerBytes = [];
        at = nl + 1;
        const [id = '', type, size] = line.split(' ');
        if (type === 'missing' || size === undefined) {
          yield { id, missing: true };
          continue;
        }
        header = line;
        current = id;
        remaining = Number(size) + 1;
        keep = Number(size) <= maxSize;
        parts = [];
      }
      const take = Math.min(remaining, chunk.length - at);
      if (keep) parts.push(chunk.subarray(at, at + take));
      remaining -= take;
      at += take;
      if (remaining === 0) {
        if (keep) {
          const content = Buffer.concat(parts);
          yield { id: current, content: content.subarray(0, content.length - 1) };
        } else {
          yield { id: current, tooLarge: true };
        }
        header = undefined;
      }
    }
  }
  await done;
}
