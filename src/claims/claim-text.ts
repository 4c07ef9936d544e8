import { ClaimException } from './claim.exception';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A claim is given either by offsets or by its exact text; exactly one form. */
export interface SpanInput {
  start?: number;
  end?: number;
  text?: string;
}

// Function words and reporting verbs occur in nearly every claim: their trigrams make every GIN posting list long
// and lift the similarity of unrelated sentences, so only content words are compared.
const STOPWORDS = new Set(
  'a an the of in on at to for by and or but that this these those with from as is are was were be been being has have had it its their his her they he she we said says say told would could will should since after before near than more about into over'.split(
    ' ',
  ),
);

/** What pg_trgm compares: content words only, case, composition, punctuation and spacing do not make claims differ. */
export function normalizeClaimText(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return words.filter((w) => w && !STOPWORDS.has(w)).join(' ');
}

/** Resolves either form against the body; every failure is a ClaimException the caller can show. */
export function locateSpan(body: string, input: SpanInput): Span {
  const bySpan = input.start !== undefined || input.end !== undefined;
  const byText = input.text !== undefined;
  if (bySpan === byText || (bySpan && (input.start === undefined || input.end === undefined))) {
    throw new ClaimException('CLAIM_FORM_INVALID', 'Give either { start, end } or { text }, not both');
  }
  if (byText) return locateText(body, input.text!);
  const { start, end } = input as Required<SpanInput>;
  if (start < 0 || end > body.length || start >= end) {
    throw new ClaimException(
      'CLAIM_SPAN_OUT_OF_RANGE',
      `Span [${start}, ${end}) is not inside the body (length ${body.length})`,
      { length: body.length },
    );
  }
  return checkedSpan(body, { start, end, text: body.slice(start, end) });
}

function locateText(body: string, text: string): Span {
  const start = body.indexOf(text);
  if (start < 0) throw new ClaimException('CLAIM_TEXT_NOT_FOUND', 'The text does not occur in the article body');
  const again = body.indexOf(text, start + 1);
  if (again >= 0)
    throw new ClaimException(
      'CLAIM_TEXT_AMBIGUOUS',
      'The text occurs more than once in the article body; give { start, end }',
      { starts: [start, again] },
    );
  return checkedSpan(body, { start, end: start + text.length, text });
}

function checkedSpan(body: string, span: Span): Span {
  if (!span.text.trim()) throw new ClaimException('CLAIM_SPAN_OUT_OF_RANGE', 'A claim cannot be only whitespace');
  assertSpan(body, span);
  return span;
}

/** The invariant every claim write keeps; a violation is a bug, so it is a 500, not a client error. */
export function assertSpan(body: string, span: Span): void {
  if (body.slice(span.start, span.end) !== span.text) {
    throw new Error(`Claim span [${span.start}, ${span.end}) does not match its text`);
  }
}
