import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type WinkNlp = ReturnType<typeof winkNLP>;

// Loading the model takes ~100 ms and a few MB, so it happens once per process, on first use.
let instance: WinkNlp | undefined;

export function getNlp(): WinkNlp {
  if (!instance) instance = winkNLP(model, ['sbd', 'pos', 'ner', 'negation']);
  return instance;
}
