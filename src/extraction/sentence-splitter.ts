import { getNlp } from './nlp-model';

/** Token arrays for a whole document; sentences refer to them by index. */
export interface TokenTable {
  value: string[];
  lower: string[];
  pos: string[];
  type: string[];
  /** wink entity type covering the token (DATE, CARDINAL, MONEY…), or '' */
  entity: string[];
  start: number[];
  end: number[];
}

export interface SentenceSpan {
  index: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /** inclusive token range into the TokenTable */
  firstToken: number;
  lastToken: number;
}

export interface SplitDocument {
  tokens: TokenTable;
  sentences: SentenceSpan[];
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

export function splitSentences(body: string): SplitDocument {
  const nlp = getNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(body);
  const tokens = doc.tokens();
  const value = tokens.out<string>(its.value);
  const spaces = tokens.out<string>(its.precedingSpaces);
  const table: TokenTable = {
    value,
    // Curly apostrophes are folded so lexicon look-ups match "don’t" and "don't" alike.
    lower: value.map((v) => v.toLowerCase().replace(/’/g, "'")),
    pos: tokens.out<string>(its.pos),
    type: tokens.out<string>(its.type),
    entity: new Array<string>(value.length).fill(''),
    ...tokenOffsets(body, value, spaces),
  };
  const entitySpans = doc.entities().out(its.span) as unknown as number[][];
  const entityTypes = doc.entities().out<string>(its.type);
  entitySpans.forEach(([from, to], k) => {
    for (let i = from; i <= to; i++) table.entity[i] = entityTypes[k];
  });

  const sentenceSpans = doc.sentences().out(its.span) as unknown as number[][];
  const winkStarts = new Set<number>(sentenceSpans.map((span) => span[0]));
  return { tokens: table, sentences: buildSentences(body, table, winkStarts) };
}

/**
 * Offsets rebuilt from preceding spaces + token length, so that slices are exact. The startsWith
 * check guards against any token wink might normalise; we then resynchronise by searching forward.
 */
function tokenOffsets(body: string, value: string[], spaces: string[]): { start: number[]; end: number[] } {
  const start = new Array<number>(value.length);
  const end = new Array<number>(value.length);
  let cursor = 0;
  for (let i = 0; i < value.length; i++) {
    let at = cursor + spaces[i].length;
    if (!body.startsWith(value[i], at)) {
      const found = body.indexOf(value[i], cursor);
      at = found >= 0 ? found : at;
    }
    start[i] = at;
    end[i] = Math.min(body.length, at + value[i].length);
    cursor = end[i];
  }
  return { start, end };
}

function isBlank(t: TokenTable, i: number): boolean {
  return t.type[i] === 'tabCRLF' || t.value[i].trim() === '';
}

/** A wink "sentence" made only of punctuation (e.g. the `.` after `.”`) belongs to the one before. */
function hasContent(t: TokenTable, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) {
    const ty = t.type[i];
    if (ty !== 'punctuation' && ty !== 'tabCRLF' && ty !== 'symbol') return true;
  }
  return false;
}

function buildSentences(body: string, t: TokenTable, winkStarts: Set<number>): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let paragraph = 0;
  let paragraphHasText = false;
  let first = -1;
  let last = -1;

  const flush = (): void => {
    if (first < 0) return;
    const prev = sentences[sentences.length - 1];
    if (prev && prev.paragraph === paragraph && !hasContent(t, first, last)) {
      prev.lastToken = last;
      prev.end = t.end[last];
      prev.text = body.slice(prev.start, prev.end);
    } else {
      const start = t.start[first];
      const end = t.end[last];
      sentences.push({
        index: sentences.length,
        paragraph,
        start,
        end,
        text: body.slice(start, end),
        firstToken: first,
        lastToken: last,
      });
    }
    paragraphHasText = true;
    first = last = -1;
  };

  for (let i = 0; i < t.value.length; i++) {
    if (isBlank(t, i)) {
      if (LINE_BREAK.test(t.value[i])) {
        flush();
        if (paragraphHasText) paragraph++;
        paragraphHasText = false;
      }
      continue;
    }
    if (winkStarts.has(i) && first >= 0 && !continuesSentence(t, last, i)) flush();
    if (first < 0) first = i;
    last = i;
  }
  flush();
  return sentences;
}

/**
 * wink occasionally breaks after an abbreviation ("approx. 5", "e.g. the"); a following lower-case word
 * or a digit after a token that ends in "." without being a full stop means the sentence goes on.
 */
function continuesSentence(t: TokenTable, prevLast: number, next: number): boolean {
  const prev = t.value[prevLast];
  if (prev === '.' || prev === '!' || prev === '?' || t.type[prevLast] === 'punctuation') return false;
  if (!prev.endsWith('.')) return false;
  const n = t.value[next];
  return /^[a-z0-9]/.test(n);
}
