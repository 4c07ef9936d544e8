import type { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export type NdjsonLine = { line: number; text: string } | { line: number; problem: string };

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The lines of an NDJSON stream, numbered as the file counts them (blank ones included, CRLF accepted). Unlike
 * readline, a line is never held beyond `maxLineBytes`: the bytes of a longer one are dropped as they arrive and the
 * line is reported as a problem, so one endless line cannot fill the heap. Bytes that are not UTF-8 make that line a
 * problem too (readline would have replaced them with U+FFFD and stored the result). Leaving the loop early does not
 * destroy `input`: the caller may still drain it.
 */
export async function* ndjsonLines(input: Readable, maxLineBytes: number): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  const finish = (): NdjsonLine => {
    const result = lineOf(line++, parts, size, maxLineBytes);
    parts = [];
    size = 0;
    return result;
  };
  for await (const chunk of input.iterator({ destroyOnReturn: false })) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      keep(bytes.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    keep(bytes.subarray(start));
    // Chunks already received are iterated in microtasks alone: let other requests have the event loop between them.
    await yieldToEventLoop();
  }
  if (size > 0) yield finish();

  function keep(piece: Buffer): void {
    // Past the cap only the count goes on, so the report can say how long the line was.
    if (size + piece.length <= maxLineBytes) parts.push(piece);
    size += piece.length;
  }
}

function lineOf(line: number, parts: Buffer[], size: number, maxLineBytes: number): NdjsonLine {
  if (size > maxLineBytes) return { line, problem: `Line too long (${size} bytes; at most ${maxLineBytes})` };
  try {
    const text = utf8.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts, size));
    return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  } catch {
    return { line, problem: 'Line is not valid UTF-8' };
  }
}
