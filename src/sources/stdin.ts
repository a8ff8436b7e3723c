import type { Readable } from 'node:stream';
import type { SourceItem } from './source.js';

/** Standard input as one target named `name` (so that path-aware rules and checks can apply). */
export async function* stdinSource(stream: Readable, name: string, maxFileSize: number): AsyncGenerator<SourceItem> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxFileSize) {
      yield { path: name, skipped: 'too-large' };
      return;
    }
    chunks.push(buffer);
  }
  yield { path: name, content: Buffer.concat(chunks) };
}

