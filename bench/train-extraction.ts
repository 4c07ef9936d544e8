/**
 * `npm run train:extraction [-- --data PATH] [--out FILE]`: trains the check-worthiness model on the labelled
 * training folder (default ../shared/train; see bench/training/training-set.ts for the splits it reads) and writes
 * the artifact the service loads, src/extraction/model/check-worthiness.model.json.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { missingFiles } from './training/training-set';
import { trainModel } from './training/train-model';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const dir = resolve(flag('--data') ?? '../shared/train');
  const out = resolve(flag('--out') ?? 'src/extraction/model/check-worthiness.model.json');
  const missing = missingFiles(dir);
  if (missing.length) {
    console.error(
      `train:extraction needs the labelled training sets, not found:\n  ${missing.join('\n  ')}\nPass their folder with --data PATH.`,
    );
    process.exit(2);
  }
  const started = Date.now();
  const { artifact, log } = trainModel(dir);
  for (const line of log) console.log(line);
  for (const [name, m] of Object.entries(artifact.devMetrics)) console.log(`dev ${name}: ${JSON.stringify(m)}`);
  writeFileSync(out, JSON.stringify(artifact, null, 1) + '\n');
  console.log(
    `wrote ${out} (${(JSON.stringify(artifact).length / 1e6).toFixed(2)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main();
