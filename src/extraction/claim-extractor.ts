import { logistic } from './scoring-weights';
import { CheckWorthinessModel, getCheckWorthinessModel } from './model/check-worthiness-model';
import { analyzeSpans } from './model/featurizer';
import { splitSentences } from './sentence-splitter';

export interface ExtractedSentence {
  index: number;
  paragraph: number;
  /** offsets into the input: body.slice(start, end) === text */
  start: number;
  end: number;
  text: string;
  /** check-worthiness: the probability that a reviewer would call this sentence check-worthy */
  score: number;
  /** the rule features, the rules' and the model's logits and the context that produced the score (stored as jsonb) */
  features: Record<string, number | boolean | string>;
  speaker: string | null;
  isHeadline: boolean;
  /** score >= threshold && !isHeadline: a headline only announces a claim the next paragraph makes */
  isClaim: boolean;
}

/**
 * `shipped`: the trained model combined with the rules (what the service runs); `model`: the trained model alone;
 * `rules`: the hand-set rule weights alone (scoring-weights.ts). The last two exist for the evaluation.
 */
export type ExtractionScorer = 'shipped' | 'model' | 'rules';

/** The rules' own cut (a logistic midpoint); the model's threshold is chosen on the dev split and kept in its artifact. */
export const RULES_THRESHOLD = 0.5;

const round = (x: number): number => Math.round(x * 1000) / 1000;

export class ClaimExtractor {
  readonly scorer: ExtractionScorer;
  readonly threshold: number;
  private readonly model: CheckWorthinessModel;

  constructor(options: { threshold?: number; scorer?: ExtractionScorer; model?: CheckWorthinessModel } = {}) {
    this.scorer = options.scorer ?? 'shipped';
    this.model = options.model ?? getCheckWorthinessModel();
    this.threshold = options.threshold ?? (this.scorer === 'rules' ? RULES_THRESHOLD : this.model.artifact.threshold);
  }

  extract(body: string): ExtractedSentence[] {
    const { tokens, sentences } = splitSentences(body);
    const { speakers, headlines, contexts } = analyzeSpans(body, tokens, sentences);
    const ownLogits = sentences.map((s, k) => (this.scorer === 'rules' ? 0 : this.model.score(s.text, contexts[k])));
    const logits = this.scorer === 'rules' ? ownLogits : this.model.inDocument(ownLogits);
    return sentences.map((s, k) => {
      const ctx = contexts[k];
      const modelLogit = logits[k];
      const score =
        this.scorer === 'rules'
          ? logistic(ctx.rulesLogit)
          : this.scorer === 'model'
            ? this.model.modelProbability(modelLogit)
            : this.model.shippedProbability(modelLogit, ctx);
      const isHeadline = headlines[k];
      return {
        index: s.index,
        paragraph: s.paragraph,
        start: s.start,
        end: s.end,
        text: s.text,
        score,
        features: {
          ...ctx.rules,
          logit: round(ctx.rulesLogit),
          ownLogit: round(ownLogits[k]),
          modelLogit: round(modelLogit),
          inQuote: ctx.inQuote,
          speakerPresent: ctx.speakerPresent,
        },
        speaker: speakers[k],
        isHeadline,
        isClaim: !isHeadline && score >= this.threshold,
      };
    });
  }
}
