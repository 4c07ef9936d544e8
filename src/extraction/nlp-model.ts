import type winkNLPFactory from 'wink-nlp';

type WinkNlp = ReturnType<typeof winkNLPFactory>;

let instance: WinkNlp | undefined;

/**
 * The wink model costs ~60 MB of memory and ~100 ms to load, so it is required on first use, not at import: an
 * instance that never extracts (an export-only worker, most CLI commands) never carries it.
 */
export function getNlp(): WinkNlp {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const winkNLP = require('wink-nlp') as typeof winkNLPFactory;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLPFactory>[0];
    instance = winkNLP(model, ['sbd', 'pos', 'ner', 'negation']);
  }
  return instance;
}
