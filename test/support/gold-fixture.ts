import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExtractedSentence } from '../../src/extraction/claim-extractor';

/** The seed article and its hand labels, copied into the repo so the tests stand alone. */
export const FIXTURES_DIR = resolve(__dirname, '../fixtures');

export type GoldKind = 'must' | 'mustnot' | 'nosplit';

export interface GoldLine {
  kind: GoldKind;
  fragment: string;
}

export interface GoldCheck extends GoldLine {
  holds: boolean;
}

/** Reads `kind<TAB>fragment` lines; '#' lines are the header. */
export function readGold(path: string): GoldLine[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      return { kind: line.slice(0, tab) as GoldKind, fragment: line.slice(tab + 1) };
    });
}

export function readArticleWithGold(dir = FIXTURES_DIR): { body: string; gold: GoldLine[] } {
  return {
    body: readFileSync(join(dir, 'article-ukraine-live.txt'), 'utf8'),
    gold: readGold(join(dir, 'article-ukraine-live.gold.tsv')),
  };
}

/** Applies the semantics stated in the gold file header. */
export function checkGold(gold: GoldLine[], sentences: ExtractedSentence[]): GoldCheck[] {
  const claims = sentences.filter((s) => s.isClaim).map((s) => s.text);
  return gold.map((g) => {
    let holds: boolean;
    if (g.kind === 'must') holds = claims.some((c) => c.includes(g.fragment));
    else if (g.kind === 'mustnot') holds = !claims.some((c) => g.fragment.includes(c));
    else holds = sentences.some((s) => s.text.includes(g.fragment));
    return { ...g, holds };
  });
}
