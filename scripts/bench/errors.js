/** A failure the bench reports and exits 1 on: a command failed, or secretguard missed a planted key. */
export class BenchError extends Error {
  constructor(message, detail) {
    super(message);
    this.detail = detail;
  }
}
