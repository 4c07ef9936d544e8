import { computeClaimFeatures } from './claim-features';
import { detectHeadlines } from './headline-detector';
import { scoreFeatures } from './scoring-weights';
import { splitSentences } from './sentence-splitter';
import { attributeSpeakers } from './speaker-attribution';

export interface ExtractedSentence {
  index: number;
  paragraph: number;
  /** offsets into the input: body.slice(start, end) === text */
  start: number;
  end: number;
  text: string;
  /** check-worthiness in [0,1] */
  score: number;
  /** the feature values and logit that produced the score (stored as jsonb) */
  features: Record<string, number | boolean | string>;
  speaker: string | null;
  isHeadline: boolean;
  /** score >= threshold && !isHeadline: a headline only announces a claim the next paragraph makes */
  isClaim: boolean;
}

/**
 * The logistic midpoint. On the balanced ClaimBuster set the F1-best cut is close (~0.45); on sparse
 * speech transcripts it favours recall (see bench/eval-extraction.ts), which suits a review queue.
 */
export const DEFAULT_EXTRACTION_THRESHOLD = 0.5;

export class ClaimExtractor {
  private readonly threshold: number;

  constructor(options: { threshold?: number } = {}) {
    this.threshold = options.threshold ?? DEFAULT_EXTRACTION_THRESHOLD;
  }

  extract(body: string): ExtractedSentence[] {
    const { tokens, sentences } = splitSentences(body);
    const speakers = attributeSpeakers(body, tokens, sentences);
    const headlines = detectHeadlines(sentences);
    return sentences.map((s, k) => {
      const vector = computeClaimFeatures(tokens, s);
      const { score, logit } = scoreFeatures(vector);
      const isHeadline = headlines[k];
      return {
        index: s.index,
        paragraph: s.paragraph,
        start: s.start,
        end: s.end,
        text: s.text,
        score,
        features: { ...vector, logit: Math.round(logit * 1000) / 1000 },
        speaker: speakers[k],
        isHeadline,
        isClaim: !isHeadline && score >= this.threshold,
      };
    });
  }
}
