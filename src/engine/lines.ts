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
