import type { Readable } from 'node:stream';

/**
 * Split a byte stream on `\n` only (readline also splits on a lone `\r`, which would shift the
 * line numbers of files that contain one). Lines are decoded as UTF-8, without the `\n`, and
 * handed over a chunk at a time: an await per line costs more than parsing the line.
 */
export async function* streamLines(stream: Readable): AsyncGenerator<string[]> {
  let pending: Buffer | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
    const lines: string[] = [];
    let start = 0;
    for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
      lines.push(buffer.toString('utf8', start, nl));
      start = nl + 1;
    }
    pending = start < buffer.length ? buffer.subarray(start) : undefined;
    if (lines.length > 0) yield lines;
  }
  if (pending && pending.length > 0) yield [pending.toString('utf8')];
}
