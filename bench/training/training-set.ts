import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SentenceSpan, splitSentences } from '../../src/extraction/sentence-splitter';
import { analyzeSpans, featurize, SentenceContext, SparseVector } from '../../src/extraction/model/featurizer';

/** One labelled file of the training folder: `<set>/<split>.tsv` (label<TAB>text), with a manifest when it is a document set. */
export interface DatasetSplit {
  set: string;
  split: string;
  use: 'train' | 'dev';
  /** rows belong to documents (in order) and are featurized with their neighbours as context */
  documents: boolean;
}

/** Train on these; calibrate and choose the threshold on ct24 dev, report dev figures on the others. */
export const TRAINING_SPLITS: readonly DatasetSplit[] = [
  { set: 'clef2020-task5-debates', split: 'train', use: 'train', documents: true },
  { set: 'clef2019-task1-train', split: 'train', use: 'train', documents: true },
  { set: 'ct24-checkworthy-english', split: 'train', use: 'train', documents: false },
  { set: 'claimbuster-two-class', split: 'train', use: 'train', documents: false },
  { set: 'claimbuster-two-class', split: 'kfold_30ncs_all', use: 'train', documents: false },
  { set: 'ct24-checkworthy-english', split: 'dev', use: 'dev', documents: false },
  { set: 'ct24-checkworthy-english', split: 'dev-test', use: 'dev', documents: false },
  { set: 'clef2020-task5-debates', split: 'test2020', use: 'dev', documents: true },
];

export interface LabelledRow {
  doc: string;
  label: 0 | 1;
  text: string;
}

export interface FeaturizedRow extends LabelledRow {
  x: SparseVector;
  context: SentenceContext;
  rulesLogit: number;
  isHeadline: boolean;
  /** false when an earlier row (of any set) has the same normalized text: kept for context, not as an example */
  kept: boolean;
}

export function missingFiles(dir: string, splits: readonly DatasetSplit[] = TRAINING_SPLITS): string[] {
  return splits.flatMap((s) => [join(dir, s.set, `${s.split}.tsv`), ...(s.documents ? [join(dir, s.set, `${s.split}.manifest.tsv`)] : [])]).filter((f) => !existsSync(f));
}

export function readSplit(dir: string, split: DatasetSplit): LabelledRow[] {
  const lines = readFileSync(join(dir, split.set, `${split.split}.tsv`), 'utf8').split('\n').filter((l) => l.trim());
  const docs = split.documents ? readManifestDocs(join(dir, split.set, `${split.split}.manifest.tsv`)) : undefined;
  if (docs && docs.length !== lines.length) throw new Error(`${split.set}/${split.split}: ${lines.length} rows but ${docs.length} manifest lines`);
  return lines.map((line, i) => {
    const tab = line.indexOf('\t');
    return { doc: docs?.[i] ?? `row-${i}`, label: line.slice(0, tab) === '1' ? 1 : 0, text: line.slice(tab + 1).trim() };
  });
}

function readManifestDocs(path: string): string[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  const column = header.split('\t').indexOf('doc');
  return lines.map((l) => l.split('\t')[column]);
}

/** What two copies of a sentence share: case, spacing and punctuation aside. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Rows featurized as the extractor sees sentences: a document's rows are its lines (so neighbours, position,
 * quotes and speakers are context); a row of an isolated set is a one-line document. A row wink splits into
 * several sentences is one example spanning them, labelled as the row is.
 */
export function featurizeRows(rows: readonly LabelledRow[], documents: boolean): Omit<FeaturizedRow, 'kept'>[] {
  const groups: LabelledRow[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (documents && last && last[0].doc === r.doc) last.push(r);
    else groups.push([r]);
  }
  return groups.flatMap((g) => featurizeDocument(g));
}

function featurizeDocument(rows: readonly LabelledRow[]): Omit<FeaturizedRow, 'kept'>[] {
  const offsets: number[] = [];
  let body = '';
  for (const r of rows) {
    offsets.push(body.length);
    body += r.text + '\n';
  }
  const { tokens, sentences } = splitSentences(body);
  const spans: (SentenceSpan | null)[] = rows.map(() => null);
  let row = 0;
  for (const s of sentences) {
    while (row + 1 < rows.length && offsets[row + 1] <= s.start) row++;
    const span = spans[row];
    if (!span) spans[row] = { ...s, index: row, paragraph: row };
    else spans[row] = { ...span, end: s.end, lastToken: s.lastToken, text: body.slice(span.start, s.end) };
  }
  const present = spans.flatMap((s, k) => (s ? [{ span: s, row: rows[k] }] : []));
  const { headlines, contexts } = analyzeSpans(body, tokens, present.map((p) => p.span));
  return present.map((p, k) => ({
    ...p.row,
    x: featurize(p.span.text, contexts[k]),
    context: contexts[k],
    rulesLogit: contexts[k].rulesLogit,
    isHeadline: headlines[k],
  }));
}

/** Marks every row whose normalized text an earlier row (this call's order, then `seen`) already holds. */
export function markDuplicates<T extends { text: string }>(rows: readonly T[], seen: Set<string>): (T & { kept: boolean })[] {
  return rows.map((r) => {
    const key = normalizeText(r.text);
    const kept = key.length > 0 && !seen.has(key);
    seen.add(key);
    return { ...r, kept };
  });
}
