import type { ChildProcess } from 'node:child_process';

/** The last lines a child process wrote (stdout and stderr), kept to explain an unexpected exit or a failed start. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(
    child: ChildProcess,
    private readonly kept = 40,
  ) {
    const keep = (chunk: Buffer) => {
      this.lines.push(...chunk.toString().split('\n').filter(Boolean));
      this.lines.splice(0, Math.max(0, this.lines.length - this.kept));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
