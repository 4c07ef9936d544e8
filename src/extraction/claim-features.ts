import {
  APPEAL_WORDS,
  ATTRIBUTION_VERBS,
  BYLINE_START,
  CEREMONY_WORDS,
  COMPARATIVES,
  COMPARISON_WORDS,
  EVENT_VERBS,
  LET_ME_DISCOURSE,
  PLAN_VERBS,
  RECORD_SCOPE,
  TREND_WORDS,
  FIRST_PERSON_PLURAL,
  FIRST_PERSON_SINGULAR,
  FUTURE_MARKERS,
  HEDGES,
  MODALS,
  MONTHS_AND_DAYS,
  OPINION_VERBS,
  PAST_MARKERS,
  PERSON_TITLES,
  QUANTITY_NOUNS,
  SECOND_PERSON,
  SUBJECTIVE_WORDS,
} from './lexicons';
import { SentenceSpan, TokenTable } from './sentence-splitter';

/** Numeric feature vector; the keys are exactly the keys of SCORING_WEIGHTS. Counts are capped. */
export interface ClaimFeatureVector {
  quantity: number;
  percentOrMoney: number;
  dateOrTime: number;
  namedEntity: number;
  titledPerson: number;
  attribution: number;
  eventVerb: number;
  pastOrPerfect: number;
  comparison: number;
  recordClaim: number;
  quantityNoun: number;
  logLength: number;
  declarative: number;
  question: number;
  imperative: number;
  appeal: number;
  firstPersonSingular: number;
  firstPersonOpinion: number;
  secondPerson: number;
  modalSpeculation: number;
  hypothetical: number;
  future: number;
  hedge: number;
  subjective: number;
  ceremony: number;
  noFinalPunctuation: number;
  byline: number;
  noVerb: number;
  tooShort: number;
}

const QUANTITY_ENTITIES = new Set(['CARDINAL', 'MONEY', 'PERCENT', 'QUANTITY']);
const TIME_ENTITIES = new Set(['DATE', 'TIME', 'DURATION']);
const CURRENCY = new Set(['$', '€', '£', '¥', '₴', '₽', '%']);
const QUOTES_AND_OPENERS = new Set(['"', '“', '”', '‘', '’', "'", '(', '[', '—', '–', '-', '…']);
// Words that may precede an imperative without being its subject ("So, help us", "Now let us").
const DISCOURSE_OPENERS = new Set(['so', 'and', 'but', 'now', 'please', 'well', 'oh', 'then', 'therefore', 'together']);
const NOT_SUPERLATIVE = new Set(['honest', 'modest', 'earnest', 'interest', 'west', 'rest', 'manifest', 'forest']);
const TERMINAL = /[.!?…]["”’')\]]*$|[.!?…:;]$/;
const YEAR = /^(1[89]\d\d|20\d\d)s?$/;
const COPULAS = new Set([
  'is',
  'are',
  'was',
  'were',
  'been',
  'be',
  "'s",
  "'re",
  'went',
  'go',
  'goes',
  'gone',
  'going',
  'come',
  'came',
  'has',
  'have',
]);
const isCopula = (lower: string | undefined): boolean => lower !== undefined && COPULAS.has(lower);
const cap = (n: number, max = 3): number => (n > max ? max : n);

const isCapitalised = (v: string): boolean => {
  const c = v.charCodeAt(0);
  return c >= 65 && c <= 90;
};

export function computeClaimFeatures(t: TokenTable, s: SentenceSpan): ClaimFeatureVector {
  let words = 0,
    quantity = 0,
    percentOrMoney = 0,
    dateOrTime = 0,
    namedEntity = 0,
    titledPerson = 0;
  let attribution = 0,
    eventVerb = 0,
    past = 0,
    comparison = 0,
    quantityNoun = 0,
    verbs = 0;
  let firstSingular = 0,
    opinion = 0,
    second = 0,
    modal = 0,
    future = 0,
    hedge = 0;
  let subjective = 0,
    ceremony = 0,
    appeal = 0,
    imperative = 0,
    question = 0;
  let superlative = 0,
    recordScope = 0,
    conditional = 0;
  let inNameRun = false;
  let lastFirstPerson = -10;
  let clauseStart = true; // at the start of the sentence or just after ':' / ';'
  let previousLower = '';

  for (let i = s.firstToken; i <= s.lastToken; i++) {
    const type = t.type[i];
    if (type === 'tabCRLF') continue;
    const v = t.value[i];
    const lower = t.lower[i];
    const pos = t.pos[i];
    const entity = t.entity[i];

    if (type === 'punctuation' || type === 'symbol') {
      if (v === '?') question = 1;
      if (CURRENCY.has(v)) percentOrMoney++;
      if (v === ':' || v === ';') clauseStart = true;
      if (!QUOTES_AND_OPENERS.has(v) && v !== '-') inNameRun = false;
      previousLower = lower;
      continue;
    }
    words++;

    if (type === 'number' || QUANTITY_ENTITIES.has(entity)) {
      if (YEAR.test(v)) dateOrTime++;
      else quantity++;
    }
    if (entity === 'MONEY' || entity === 'PERCENT') percentOrMoney++;
    if (TIME_ENTITIES.has(entity) || MONTHS_AND_DAYS.has(lower)) dateOrTime++;
    if (QUANTITY_NOUNS.has(lower)) quantityNoun++;

    // Custom NER: a run of capitalised proper nouns (or acronyms) counts as one named entity.
    const properName =
      (pos === 'PROPN' && isCapitalised(v) && v !== 'I') || (v.length > 1 && v === v.toUpperCase() && /^[A-Z]/.test(v));
    if (properName) {
      if (!inNameRun) namedEntity++;
      if (PERSON_TITLES.has(previousLower) || (i > s.firstToken && PERSON_TITLES.has(t.lower[i - 1]))) titledPerson++;
      inNameRun = true;
    } else if (!(inNameRun && (lower === 'of' || lower === 'the'))) {
      inNameRun = false;
    }

    const isVerb = pos === 'VERB' || pos === 'AUX';
    if (isVerb) verbs++;
    if (ATTRIBUTION_VERBS.has(lower) && isVerb) attribution++;
    if (lower === 'according' && t.lower[i + 1] === 'to') attribution++;
    if (EVENT_VERBS.has(lower) && isVerb) eventVerb++;
    else if (
      TREND_WORDS.has(lower) &&
      (isVerb || pos === 'ADV' || pos === 'ADP') &&
      (lower.endsWith('ing') || isCopula(t.lower[i - 1]))
    )
      eventVerb++;
    if (isVerb && (PAST_MARKERS.has(lower) || (lower.endsWith('ed') && lower.length > 4))) past++;

    if (COMPARISON_WORDS.has(lower) || COMPARATIVES.has(lower)) comparison++;
    else if (
      (pos === 'ADJ' || pos === 'ADV') &&
      lower.length > 5 &&
      lower.endsWith('est') &&
      !NOT_SUPERLATIVE.has(lower)
    ) {
      comparison++;
      superlative++;
    }
    if (lower === 'most' || lower === 'least' || lower === 'best' || lower === 'worst' || lower === 'number-one')
      superlative++;
    else if (pos === 'ADJ' && lower.endsWith('er') && t.lower[i + 1] === 'than') comparison++;

    if (FIRST_PERSON_SINGULAR.has(lower)) {
      firstSingular++;
      lastFirstPerson = i;
    }
    if (FIRST_PERSON_PLURAL.has(lower)) lastFirstPerson = i;
    if (SECOND_PERSON.has(lower)) second++;
    if (OPINION_VERBS.has(lower) && isVerb && i - lastFirstPerson <= 3) opinion++;
    if (MODALS.has(lower)) modal++;
    if (PLAN_VERBS.has(lower) && (t.lower[i + 1] === 'to' || t.lower[i + 1] === 'on') && isVerb) future++;
    if (RECORD_SCOPE.has(lower)) recordScope++;
    if (lower === 'if' || lower === 'unless' || lower === 'suppose') conditional++;
    if (lower === 'first' && t.lower[i + 1] === 'time') recordScope++;
    if (FUTURE_MARKERS.has(lower)) future++;
    if (HEDGES.has(lower)) hedge++;
    if (SUBJECTIVE_WORDS.has(lower)) subjective++;
    if (CEREMONY_WORDS.has(lower)) ceremony++;
    if (APPEAL_WORDS.has(lower) && (isVerb || lower === 'please' || lower === "let's")) appeal++;
    const letMeSay = lower === 'let' && t.lower[i + 1] === 'me' && LET_ME_DISCOURSE.has(t.lower[i + 2] ?? '');
    if (lower === 'let' && (t.lower[i + 1] === 'us' || t.lower[i + 1] === 'me') && !letMeSay) appeal++;

    if (clauseStart && !letMeSay) {
      // The first word of a clause being a bare verb ("Help us…", "Join me…") marks an imperative.
      if (pos === 'VERB' && lower === t.value[i].toLowerCase() && !/(ed|ing|s)$/.test(lower)) imperative = 1;
      if (!DISCOURSE_OPENERS.has(lower)) clauseStart = false;
    }
    previousLower = lower;
  }

  const factual = quantity + dateOrTime + percentOrMoney > 0;
  const lastValue = t.value[s.lastToken] ?? '';
  // A plain statement about the world: a finite verb, no question, command, opinion, promise or guess.
  const declarative =
    verbs > 0 && !question && !imperative && !appeal && !opinion && !modal && !future && firstSingular === 0;
  return {
    quantity: cap(quantity),
    percentOrMoney: cap(percentOrMoney, 2),
    dateOrTime: cap(dateOrTime, 2),
    namedEntity: cap(namedEntity, 4),
    titledPerson: cap(titledPerson, 2),
    attribution: cap(attribution, 1),
    eventVerb: cap(eventVerb, 2),
    pastOrPerfect: cap(past, 2),
    comparison: cap(comparison, 2),
    quantityNoun: cap(quantityNoun, 2),
    logLength: Math.log1p(words),
    declarative: declarative ? 1 : 0,
    recordClaim: superlative > 0 && recordScope > 0 ? 1 : 0,
    question,
    imperative,
    appeal: cap(appeal, 1),
    firstPersonSingular: cap(firstSingular, 2),
    firstPersonOpinion: cap(opinion, 1),
    secondPerson: cap(second, 2),
    modalSpeculation: modal > 0 && !factual ? 1 : 0,
    hypothetical: conditional > 0 && (modal > 0 || future > 0) ? 1 : 0,
    future: cap(future, 1),
    hedge: cap(hedge, 1),
    subjective: cap(subjective, 2),
    ceremony: cap(ceremony, 1),
    noFinalPunctuation: TERMINAL.test(lastValue) ? 0 : 1,
    byline: BYLINE_START.test(s.text) ? 1 : 0,
    noVerb: verbs === 0 ? 1 : 0,
    tooShort: words < 5 ? 1 : 0,
  };
}
