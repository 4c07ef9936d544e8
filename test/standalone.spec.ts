import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// A user who clones the repo has no shared/ folder beside it: the service and its tests must not reach for it.
const ROOT = resolve(__dirname, '..');
const SCANNED = ['src', 'test', 'web'];
// Built from parts so this file does not itself contain the path it looks for.
const OUTSIDE_DIR = ['..', 'shared'].join('/');
const REACHES_OUTSIDE = new RegExp(`${OUTSIDE_DIR.replace(/[./]/g, '\\$&')}\\b`);

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|js|mjs|json)$/.test(name) ? [path] : [];
  });
}

describe('the project stands alone', () => {
  it('should not read the shared/ folder beside the repo from src, test or web', () => {
    const offenders = SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)))
      .filter((f) => REACHES_OUTSIDE.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(ROOT.length + 1));
    expect(offenders).toEqual([]);
  });
});
