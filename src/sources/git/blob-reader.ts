import { gitStream, type GitStream } from './run.js';

export type Blob = { id: string; content: Buffer } | { id: string; tooLarge: true } | { id: string; missing: true };

/**
 * One long-lived `git cat-file --batch` (never a process per file): blobs are asked for while
 * another git stream is still being parsed (the staged diff, the history log), and answered in
 * order. Blobs over `maxSize` are drained, not kept: a 200 MB file costs no memory.
 */
export class BlobReader {
  private git: GitStream | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes of an oversized blob (and its trailing newline) still to throw away. */
  private discard = 0;
  private waiting: { id: string; resolve: (blob: Blob) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly cwd: string,
    private readonly maxSize: number,
  ) {}

  read(id: string): Promise<Blob> {
    const git = this.start();
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      git.child.stdin.write(`${id}\n`);
    });
  }

  close(): void {
    this.git?.child.stdin.end();
  }

  private start(): GitStream {
    if (this.git) return this.git;
    const git = gitStream(['cat-file', '--batch'], this.cwd);
    git.child.stdin.on('error', () => undefined);
    git.child.stdout.on('data', (chunk: Buffer) => {
      if (this.discard > 0) {
        const dropped = Math.min(this.discard, chunk.length);
        this.discard -= dropped;
        chunk = chunk.subarray(dropped);
      }
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    git.done.catch((error: unknown) => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    });
    this.git = git;
    return git;
  }

  /** Answer every request whose whole response has arrived. */
  private drain(): void {
    while (this.waiting.length > 0) {
      const nl = this.buffer.indexOf(10);
      if (nl === -1) return;
      const [id = '', type, size] = this.buffer.toString('utf8', 0, nl).split(' ');
      if (type === 'missing' || size === undefined) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.waiting.shift()!.resolve({ id, missing: true });
        continue;
      }
      const length = Number(size);
      if (length > this.maxSize) {
        // Never hold an oversized blob: drop what has arrived, and what is still to come.
        const available = this.buffer.length - (nl + 1);
        this.discard = Math.max(0, length + 1 - available);
        this.buffer = this.buffer.subarray(Math.min(this.buffer.length, nl + 1 + length + 1));
        this.waiting.shift()!.resolve({ id, tooLarge: true });
        if (this.discard > 0) return;
        continue;
      }
      if (this.buffer.length < nl + 1 + length + 1) return;
      const content = this.buffer.subarray(nl + 1, nl + 1 + length);
      this.buffer = this.buffer.subarray(nl + 1 + length + 1);
      this.waiting.shift()!.resolve({ id, content: Buffer.from(content) });
    }
  }
}
