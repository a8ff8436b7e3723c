/** Offsets to 1-based lines and columns. `\r\n`, `\n` and a lone `\r` each end a line. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const breaks = /\r\n?|\n/g;
    for (let m = breaks.exec(this.text); m; m = breaks.exec(this.text)) starts.push(m.index + m[0].length);
    this.starts = starts;
    return starts;
  }

  /** 1-based line of the character at `offset`. */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.lineStart(line) + 1 };
  }

  lineStart(line: number): number {
    return this.lineStarts()[line - 1] ?? this.text.length;
  }

  /** End offset of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts()[line];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text[end - 1] === '\n') end--;
    if (this.text[end - 1] === '\r') end--;
    return end;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}

/**
 * Git numbers lines by `\n` alone; the engine also ends a line at a lone `\r`. Translate Git's
 * line numbers (the lines a commit changed) into the engine's for `content`.
 */
export function gitLinesToEngineLines(content: Buffer, gitLines: Iterable<number>): Set<number> {
  const wanted = new Set(gitLines);
  const out = new Set<number>();
  let gitLine = 1;
  let engineLine = 1;
  if (wanted.has(1)) out.add(1);
  for (let i = 0; i < content.length; i++) {
    const byte = content[i];
    if (byte === 10 || (byte === 13 && content[i + 1] === 10)) {
      if (byte === 13) i++;
      gitLine++;
      engineLine++;
      if (wanted.has(gitLine)) out.add(engineLine);
    } else if (byte === 13) {
      engineLine++;
      if (wanted.has(gitLine)) out.add(engineLine);
    }
  }
  return out;
}

/** Whether the bytes hold a `\r` that does not start a `\r\n`. */
export function hasLoneCr(content: Buffer): boolean {
  for (let at = content.indexOf(13); at !== -1; at = content.indexOf(13, at + 1)) {
    if (content[at + 1] !== 10) return true;
  }
  return false;
}
