/** Ranking and classification metrics, defined like the CLEF CheckThat! 2019 Task 1 scorer. */

/** Indices sorted by score descending; ties keep document order (the official scorer sorts stably). */
export function rankByScore(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** Mean of precision at each relevant rank, divided by the number of relevant items (0 if none). */
export function averagePrecision(scores: readonly number[], labels: readonly boolean[]): number {
  const positives = labels.filter(Boolean).length;
  if (positives === 0) return 0;
  let correct = 0;
  let sum = 0;
  rankByScore(scores).forEach((idx, rank) => {
    if (labels[idx]) sum += ++correct / (rank + 1);
  });
  return sum / positives;
}

/** Share of relevant items among the k best-scored (k is not shrunk for short lists, as in CLEF). */
export function precisionAtK(scores: readonly number[], labels: readonly boolean[], k: number): number {
  const top = rankByScore(scores).slice(0, k);
  return top.filter((idx) => labels[idx]).length / k;
}

export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
}

export function precisionRecallF1(predicted: readonly boolean[], labels: readonly boolean[]): BinaryScores {
  let tp = 0,
    fp = 0,
    fn = 0;
  predicted.forEach((p, i) => {
    if (p && labels[i]) tp++;
    else if (p) fp++;
    else if (labels[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
