import { SentenceSpan } from './sentence-splitter';

const FINAL_PUNCTUATION = /[.!?…:;]["”’')\]]*$/u;
// A line ending in a comma or dash is an interrupted sentence (transcripts), not a title.
const CONTINUATION = /[,\-–—(/]$/u;
const MAX_HEADLINE_CHARS = 160;

/**
 * A headline is a paragraph of one short sentence without final punctuation that introduces more
 * text. The last paragraph is excluded: trailing unpunctuated lines are bylines or sign-offs.
 */
export function detectHeadlines(sentences: SentenceSpan[]): boolean[] {
  const perParagraph = new Map<number, number>();
  for (const s of sentences) perParagraph.set(s.paragraph, (perParagraph.get(s.paragraph) ?? 0) + 1);
  const lastParagraph = sentences.length ? sentences[sentences.length - 1].paragraph : -1;
  return sentences.map(
    (s) =>
      perParagraph.get(s.paragraph) === 1 &&
      s.paragraph !== lastParagraph &&
      s.text.length <= MAX_HEADLINE_CHARS &&
      !FINAL_PUNCTUATION.test(s.text) &&
      !CONTINUATION.test(s.text),
  );
}
