export interface Paragraph {
  start: number;
  end: number;
  text: string;
}

/** The paragraph (newline-delimited block) of `body` that holds the span, widened to cover all of it. */
export function paragraphAround(body: string, start: number, end: number): Paragraph {
  const from = body.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const next = body.indexOf('\n', Math.max(end, from));
  const to = next === -1 ? body.length : next;
  return { start: from, end: to, text: body.slice(from, to) };
}
