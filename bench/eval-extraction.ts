/**
 * Claim-extraction evaluation (not a test): prints one table of ranking and threshold metrics per
 * dataset. Run from the repo root: `npx tsc -p tsconfig.build.json && node dist/bench/eval-extraction.js`.
 * The labelled test sets are read from `<data>/eval` where <data> is `--data PATH`, else $SHARED_DIR, else ../shared;
 * the seed article and its gold come from the repo's own test/fixtures.
 *
 * How rows are scored: a dataset row may hold several wink sentences. A row's score is the highest
 * score among its sentences, and it is predicted positive when any of its sentences is a claim.
 * CLEF rows are extracted as one document per speech (one row per line), so context such as
 * quotes and headlines behaves as in production; ClaimBuster rows are unrelated and are extracted
 * one at a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ClaimExtractor, DEFAULT_EXTRACTION_THRESHOLD, ExtractedSentence } from '../src/extraction/claim-extractor';
import { checkGold, readArticleWithGold } from '../test/support/gold-fixture';
import { averagePrecision, mean, precisionAtK, precisionRecallF1 } from './lib/ranking-metrics';

interface Row {
  doc: string;
  text: string;
  label: boolean;
}

interface RowResult {
  score: number;
  predicted: boolean;
}

interface TableLine {
  dataset: string;
  rows: number;
  positives: number;
  ap: number;
  p5: number;
  p10: number;
  precision: number;
  recall: number;
  f1: number;
  sentencesPerSecond: number;
  gold: string;
}

const dataFlag = process.argv.indexOf('--data');
const sharedDir = resolve(dataFlag >= 0 ? process.argv[dataFlag + 1] : (process.env.SHARED_DIR ?? '../shared'));
const EVAL_FILES = ['clef2019_task1_test_speeches.tsv', 'clef2019_task1_test_speeches.manifest.tsv', 'claimbuster_two_class_test.tsv'];
const threshold = Number(process.env.EXTRACTION_THRESHOLD) || DEFAULT_EXTRACTION_THRESHOLD;
const extractor = new ClaimExtractor({ threshold });
// Small datasets are repeated until the clock has something to measure.
const MIN_TIMING_ROUNDS = 5;
const MIN_TIMING_SECONDS = 1;

function readLabelled(file: string, docs?: string[]): Row[] {
  return readFileSync(join(sharedDir, 'eval', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const tab = line.indexOf('\t');
      return { doc: docs?.[i] ?? 'all', label: line.slice(0, tab) === '1', text: line.slice(tab + 1) };
    });
}

function readManifestDocs(file: string): string[] {
  const [header, ...lines] = readFileSync(join(sharedDir, 'eval', file), 'utf8').split('\n').filter((l) => l.trim());
  const docColumn = header.split('\t').indexOf('doc');
  return lines.map((l) => l.split('\t')[docColumn]);
}

/** Rows of one document joined by newlines; each row's result comes from the sentences inside it. */
function extractDocument(rows: Row[]): { results: RowResult[]; sentences: number } {
  const offsets: number[] = [];
  let body = '';
  for (const r of rows) {
    offsets.push(body.length);
    body += r.text + '\n';
  }
  const sentences = extractor.extract(body);
  const results = rows.map(() => ({ score: 0, predicted: false }));
  let row = 0;
  for (const s of sentences) {
    while (row + 1 < rows.length && offsets[row + 1] <= s.start) row++;
    results[row].score = Math.max(results[row].score, s.score);
    results[row].predicted ||= s.isClaim;
  }
  return { results, sentences: sentences.length };
}

function extractEachRow(rows: Row[]): { results: RowResult[]; sentences: number } {
  let count = 0;
  const results = rows.map((r) => {
    const sentences = extractor.extract(r.text);
    count += sentences.length;
    return rowResult(sentences);
  });
  return { results, sentences: count };
}

function rowResult(sentences: ExtractedSentence[]): RowResult {
  return { score: Math.max(0, ...sentences.map((s) => s.score)), predicted: sentences.some((s) => s.isClaim) };
}

function timed<T extends { sentences: number }>(run: () => T): { out: T; sentencesPerSecond: number } {
  const out = run();
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  let sentences = 0;
  for (let k = 0; k < MIN_TIMING_ROUNDS || elapsed() < MIN_TIMING_SECONDS; k++) sentences += run().sentences;
  return { out, sentencesPerSecond: sentences / elapsed() };
}

function evaluate(dataset: string, rows: Row[], perDocument: boolean, gold = ''): TableLine {
  const docs = [...new Set(rows.map((r) => r.doc))];
  const groups = docs.map((d) => rows.filter((r) => r.doc === d));
  const { out, sentencesPerSecond } = timed(() => {
    const parts = groups.map((g) => (perDocument ? extractDocument(g) : extractEachRow(g)));
    return { parts, sentences: parts.reduce((n, p) => n + p.sentences, 0) };
  });
  const perDoc = groups.map((g, k) => {
    const scores = out.parts[k].results.map((r) => r.score);
    const labels = g.map((r) => r.label);
    return { ap: averagePrecision(scores, labels), p5: precisionAtK(scores, labels, 5), p10: precisionAtK(scores, labels, 10) };
  });
  const predicted = out.parts.flatMap((p) => p.results.map((r) => r.predicted));
  const prf = precisionRecallF1(predicted, groups.flat().map((r) => r.label));
  return {
    dataset,
    rows: rows.length,
    positives: rows.filter((r) => r.label).length,
    ap: mean(perDoc.map((d) => d.ap)),
    p5: mean(perDoc.map((d) => d.p5)),
    p10: mean(perDoc.map((d) => d.p10)),
    ...prf,
    sentencesPerSecond,
    gold,
  };
}

function seedArticle(): TableLine {
  const { body, gold } = readArticleWithGold(resolve('test/fixtures'));
  const checks = checkGold(gold, extractor.extract(body));
  const held = (kind: string): string => {
    const of = checks.filter((c) => c.kind === kind);
    return `${kind} ${of.filter((c) => c.holds).length}/${of.length}`;
  };
  // Rows are the paragraphs (lines); a line is positive when it holds a `must` fragment.
  const must = gold.filter((g) => g.kind === 'must').map((g) => g.fragment);
  const rows = body.split('\n').filter((l) => l.trim()).map((text) => ({ doc: 'article', text, label: must.some((m) => text.includes(m)) }));
  return evaluate('seed article (lines)', rows, true, ['must', 'mustnot', 'nosplit'].map(held).join(', '));
}

function printTable(lines: TableLine[]): void {
  const f = (x: number): string => x.toFixed(3);
  const header = ['dataset', 'rows', 'pos', 'MAP/AP', 'P@5', 'P@10', `P@thr`, 'R@thr', 'F1@thr', 'sent/s', 'gold'];
  const body = lines.map((l) => [
    l.dataset, String(l.rows), String(l.positives), f(l.ap), f(l.p5), f(l.p10),
    f(l.precision), f(l.recall), f(l.f1), Math.round(l.sentencesPerSecond).toLocaleString('en-US'), l.gold,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c === 0 || c === 10 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ');
  console.log(`claim extraction, threshold ${threshold}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of body) console.log(line(r));
}

function main(): void {
  const missing = EVAL_FILES.map((f) => join(sharedDir, 'eval', f)).filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`eval:extraction needs the labelled test sets, not found:\n  ${missing.join('\n  ')}\nPass their folder's parent with --data PATH (or SHARED_DIR); it must hold eval/ with these files.`);
    process.exit(2);
  }
  const clefDocs = readManifestDocs('clef2019_task1_test_speeches.manifest.tsv');
  printTable([
    evaluate('CLEF-2019 T1 speeches (per doc)', readLabelled('clef2019_task1_test_speeches.tsv', clefDocs), true),
    evaluate('ClaimBuster 2-class test', readLabelled('claimbuster_two_class_test.tsv'), false),
    seedArticle(),
  ]);
}

main();
