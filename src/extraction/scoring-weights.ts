import { ClaimFeatureVector } from './claim-features';

/**
 * Check-worthiness = logistic(BIAS + Σ weight × feature). Hand-set, round numbers: they encode which
 * cues make a sentence worth checking (facts you can look up) and which make it opinion or
 * ceremony. Counts are capped in claim-features.ts, so no single cue can dominate.
 */
export const SCORING_BIAS = -2.5;

export const SCORING_WEIGHTS: Readonly<Record<keyof ClaimFeatureVector, number>> = {
  // Things a fact-checker can look up.
  quantity: 1.2,
  percentOrMoney: 0.8,
  dateOrTime: 0.4, // a date or a name qualifies a fact more than it makes one
  namedEntity: 0.3,
  titledPerson: 0.4,
  attribution: 0.7,
  eventVerb: 0.8,
  pastOrPerfect: 0.5,
  comparison: 0.6,
  recordClaim: 1.0,
  quantityNoun: 0.5,
  logLength: 0.4,
  declarative: 0.8,
  // Speech acts and fragments that carry no checkable fact.
  question: -2.5,
  imperative: -1.5,
  appeal: -2.0,
  firstPersonSingular: -0.5,
  firstPersonOpinion: -1.5,
  secondPerson: -0.4,
  modalSpeculation: -1.0,
  hypothetical: -0.8,
  future: -0.5,
  hedge: -0.6,
  subjective: -0.3,
  ceremony: -1.5,
  noFinalPunctuation: -1.0,
  byline: -5.0,
  noVerb: -3.0,
  tooShort: -1.0,
};

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function scoreFeatures(features: ClaimFeatureVector): { score: number; logit: number } {
  let logit = SCORING_BIAS;
  for (const key in SCORING_WEIGHTS) {
    const k = key as keyof ClaimFeatureVector;
    logit += SCORING_WEIGHTS[k] * features[k];
  }
  return { score: logistic(logit), logit };
}
