import { ATTRIBUTION_VERBS, ROLE_NOUNS } from './lexicons';
import { SentenceSpan, TokenTable } from './sentence-splitter';

type MentionKind = 'name' | 'pronoun' | 'description';

interface Mention {
  kind: MentionKind;
  text: string;
  /** last word, lower-case: surname of a name, head noun of a description */
  head: string;
}

const NP_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'DET', 'NUM']);
const PERSON_PRONOUNS = new Set(['he', 'she']);
const CLOSING_QUOTES = new Set(['”', '"', '’', "'"]);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its']);
const POSSESSIVE = new Set(["'s", '’s', "'", '’']);

const isCapitalised = (v: string): boolean => /^\p{Lu}/u.test(v);

/**
 * Reporting verbs that as often report an event ("Employers added 272,000 jobs", "the firm reported a loss"): they
 * attribute only in a speech context, i.e. when no object follows them.
 */
const EVENT_OR_SPEECH_VERBS = new Set([
  'added',
  'adds',
  'reported',
  'reports',
  'posted',
  'noted',
  'estimated',
  'estimates',
  'claimed',
  'claims',
  'revealed',
  'reveals',
  'confirmed',
  'confirms',
  'announced',
  'announces',
  'disclosed',
  'stated',
]);
const SPEECH_FOLLOWERS = new Set([
  'that',
  'on',
  'in',
  'at',
  'during',
  'last',
  'this',
  'earlier',
  'late',
  'yesterday',
  'today',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/** Words that may join the parts of one name: "Bureau of Labor Statistics", "Department of Health and Human Services". */
const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'on']);

/** Heads of organisation names; also what makes a speaker an Organization for schema.org. */
const ORGANIZATION_HEADS = new Set(
  `
  administration agency authority association bureau board cabinet center centers centre centres chamber coalition
  college commission committee company congress corporation corp council court department embassy federation fire
  force foundation fund government group guard institute institution laboratory league ministry network office
  organisation organization parliament party police reserve school senate service services society statistics
  survey union university inc ltd llc plc
`
    .trim()
    .split(/\s+/),
);

/** Titles before a personal name: "Police Chief Mark Ellis", "Secretary of State Laura Brenner" stay people. */
const TITLES = new Set(
  `
  mayor chief minister president vice secretary governor senator sen rep representative director spokesperson spokesman
  spokeswoman commissioner marshal sheriff judge justice officer superintendent chancellor ambassador general gen
  colonel col captain capt lt sgt sergeant dr prof professor ceo chair chairman chairwoman chairperson prosecutor
  attorney deputy lady king queen prince princess inspector detective economist analyst coach premier mr mrs ms
`
    .trim()
    .split(/\s+/),
);

/**
 * Speaker of each sentence, or null. Direct attributions ("X said", "said X", "according to X") are
 * found per sentence, then surnames, pronouns and descriptions ("the deputy minister") are resolved
 * against the document, and a multi-sentence quote inherits the speaker of the sentence closing it.
 */
export function attributeSpeakers(body: string, t: TokenTable, sentences: SentenceSpan[]): (string | null)[] {
  const direct = sentences.map((s) => findDirectMention(body, t, s));
  const resolved = resolveMentions(direct, sentences, body, t);
  propagateQuoteSpeakers(sentences, resolved);
  return resolved;
}

function findDirectMention(body: string, t: TokenTable, s: SentenceSpan): Mention | null {
  let fallback: Mention | null = null;
  for (let i = s.firstToken; i <= s.lastToken; i++) {
    const lower = t.lower[i];
    let mention: Mention | null = null;
    if (lower === 'according' && t.lower[i + 1] === 'to') {
      mention = phraseMention(body, t, i + 2, rightPhraseEnd(t, i + 2, s.lastToken));
    } else if (
      ATTRIBUTION_VERBS.has(lower) &&
      (t.pos[i] === 'VERB' || t.pos[i] === 'AUX') &&
      !isNameToken(t, i) &&
      attributes(t, s, i)
    ) {
      mention = invertedSubject(body, t, s, i) ?? leftSubject(body, t, s, i);
    }
    if (!mention) continue;
    // Prefer a named source; keep a pronoun/description only if nothing better follows.
    if (mention.kind === 'name') return mention;
    fallback ??= mention;
  }
  return fallback;
}

/** An event-or-speech verb attributes only when no object follows it ("…, the agency reported." but not "added 4,000 jobs"). */
function attributes(t: TokenTable, s: SentenceSpan, verb: number): boolean {
  if (!EVENT_OR_SPEECH_VERBS.has(t.lower[verb])) return true;
  const next = verb + 1;
  return (
    next > s.lastToken || t.type[next] === 'punctuation' || t.pos[next] === 'ADV' || SPEECH_FOLLOWERS.has(t.lower[next])
  );
}

/** "…, said the vice president's director, Kirsten Allen." — the subject follows the verb. */
function invertedSubject(body: string, t: TokenTable, s: SentenceSpan, verb: number): Mention | null {
  const before = t.value[verb - 1];
  if (verb === s.firstToken || !(before === ',' || CLOSING_QUOTES.has(before))) return null;
  const next = verb + 1;
  const opensPhrase =
    t.pos[next] === 'DET' ||
    t.pos[next] === 'PROPN' ||
    t.pos[next] === 'NOUN' ||
    POSSESSIVE_PRONOUNS.has(t.lower[next]);
  if (next > s.lastToken || !opensPhrase) return null;
  if (t.lower[next] === 'that') return null;
  return phraseMention(body, t, next, rightPhraseEnd(t, next, s.lastToken), true);
}

function rightPhraseEnd(t: TokenTable, from: number, last: number): number {
  let end = from - 1;
  for (let i = from; i <= last; i++) {
    if (t.type[i] === 'punctuation' && t.value[i] !== ',' && !POSSESSIVE.has(t.value[i])) break;
    end = i;
  }
  return end;
}

/** "X said", "X has repeatedly said", "X, the foreign minister, who told" — subject left of the verb. */
function leftSubject(body: string, t: TokenTable, s: SentenceSpan, verb: number): Mention | null {
  let i = verb - 1;
  while (i >= s.firstToken && (t.pos[i] === 'AUX' || t.pos[i] === 'ADV' || t.pos[i] === 'PART')) i--;
  if (i < s.firstToken) return null;
  if (PERSON_PRONOUNS.has(t.lower[i])) return { kind: 'pronoun', text: t.value[i], head: t.lower[i] };
  if (t.lower[i] === 'who') i--;
  if (t.value[i] === ',') {
    // Appositive: skip back over ", the foreign minister," to the name before it.
    let k = i - 1;
    while (k >= s.firstToken && t.value[k] !== ',' && t.type[k] !== 'punctuation') k--;
    if (k < s.firstToken || t.value[k] !== ',') return null;
    i = k - 1;
  }
  let from = i;
  while (from - 1 >= s.firstToken && isNounPhraseToken(t, from - 1)) from--;
  if (from > i || !isNounPhraseToken(t, i)) return null;
  return phraseMention(body, t, from, i);
}

function isNounPhraseToken(t: TokenTable, i: number): boolean {
  if (NP_POS.has(t.pos[i]) || isNameToken(t, i)) return true;
  if (POSSESSIVE.has(t.value[i]) || t.value[i] === '-') return true;
  return t.lower[i] === 'of' && NP_POS.has(t.pos[i - 1] ?? '');
}

/** The last capitalised name run in a phrase if there is one, else the phrase as a description. */
function phraseMention(body: string, t: TokenTable, from: number, to: number, lastName = false): Mention | null {
  if (to < from) return null;
  let runEnd = -1;
  for (let i = to; i >= from; i--) {
    if (isNameToken(t, i)) {
      runEnd = i;
      break;
    }
    if (!lastName) break; // "X said": the name must end right before the verb
  }
  if (runEnd >= 0) {
    const runStart = nameStart(t, from, runEnd);
    return { kind: 'name', text: body.slice(t.start[runStart], t.end[runEnd]), head: t.lower[runEnd] };
  }
  const text = body.slice(t.start[from], t.end[to]);
  return { kind: 'description', text, head: t.lower[to] };
}

/**
 * Where the capitalised run ending at `end` starts. It crosses a connector ("of", "for", "and") only when the part
 * before the first connector holds an organisation head or a title: "Bureau of Labor Statistics", "Secretary of
 * State Laura Brenner", but "Jones" from "Smith and Jones".
 */
function nameStart(t: TokenTable, from: number, end: number): number {
  let start = end;
  let plain = end; // the run without connectors
  let connected = false;
  for (;;) {
    const before = start - 1;
    if (before < from) break;
    if (isNameToken(t, before) || (t.value[before] === '-' && isNameToken(t, before - 1))) start = before;
    else if (NAME_CONNECTORS.has(t.lower[before]) && before - 1 >= from && isNameToken(t, before - 1)) {
      connected = true;
      start = before - 1;
    } else break;
    if (!connected) plain = start;
  }
  if (!connected) return start;
  let firstConnector = start;
  while (!NAME_CONNECTORS.has(t.lower[firstConnector])) firstConnector++;
  for (let i = start; i < firstConnector; i++)
    if (ORGANIZATION_HEADS.has(t.lower[i]) || TITLES.has(t.lower[i])) return start;
  return plain;
}

/**
 * A capitalised noun, or a capitalised verb-like word right after a name ("Nadia Said said": "Said" is a surname).
 * A common noun capitalised only because it opens the sentence ("Employers added …") is not a name.
 */
function isNameToken(t: TokenTable, i: number): boolean {
  if (i < 0 || !isCapitalised(t.value[i])) return false;
  if (t.pos[i] === 'PROPN' || t.pos[i] === 'ADJ') return true;
  if (t.pos[i] === 'NOUN')
    return (
      !(i === 0 || (t.type[i - 1] === 'punctuation' && /^[.!?\n]$/.test(t.value[i - 1]))) ||
      /^\p{Lu}{2,}/u.test(t.value[i]) ||
      ROLE_NOUNS.has(t.lower[i])
    );
  return (
    (t.pos[i] === 'VERB' || t.pos[i] === 'AUX') &&
    i > 0 &&
    isCapitalised(t.value[i - 1]) &&
    ['PROPN', 'NOUN'].includes(t.pos[i - 1])
  );
}

/** schema.org type of a speaker: acronyms and names with an organisation head are organisations, titled names people. */
export function speakerKind(name: string): 'Person' | 'Organization' {
  const words = name.split(/[\s-]+/).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase().replace(/[^\p{L}]/gu, ''));
  const titled = lower
    .slice(0, -1)
    .some(
      (w, k) => TITLES.has(w) && isCapitalised(words[k + 1] ?? '') && !ORGANIZATION_HEADS.has(lower[lower.length - 1]),
    );
  if (titled) return 'Person';
  if (words.length === 1 && /^\p{Lu}[\p{Lu}&.]{1,7}s?$/u.test(words[0])) return 'Organization';
  return lower.some((w) => ORGANIZATION_HEADS.has(w)) ? 'Organization' : 'Person';
}

function resolveMentions(
  direct: (Mention | null)[],
  sentences: SentenceSpan[],
  body: string,
  t: TokenTable,
): (string | null)[] {
  const names = direct.map((m) => (m?.kind === 'name' ? m.text : null));
  const resolved = new Array<string | null>(direct.length).fill(null);
  let lastPerson: string | null = null;
  for (let i = 0; i < direct.length; i++) {
    const m = direct[i];
    if (!m) continue;
    if (m.kind === 'name') resolved[i] = fullName(m, names, i, sentences, body, t);
    else if (m.kind === 'pronoun') resolved[i] = lastPerson;
    else resolved[i] = resolveDescription(m, names, resolved, i, sentences);
    if (resolved[i] && m.kind !== 'description') lastPerson = resolved[i];
  }
  return resolved;
}

/** A bare surname ("Galuzin said") resolves to the longest earlier capitalised run ending with it. */
function fullName(
  m: Mention,
  names: (string | null)[],
  at: number,
  sentences: SentenceSpan[],
  body: string,
  t: TokenTable,
): string {
  if (m.text.includes(' ')) return m.text;
  for (let k = at - 1; k >= 0; k--) {
    const n = names[k];
    if (n && n !== m.text && n.endsWith(' ' + m.text)) return n;
  }
  for (let k = 0; k < at; k++) {
    const s = sentences[k];
    for (let i = s.firstToken; i <= s.lastToken; i++) {
      if (t.value[i] !== m.text || !isNameToken(t, i - 1)) continue;
      let from = i - 1;
      while (from - 1 >= s.firstToken && isNameToken(t, from - 1)) from--;
      return body.slice(t.start[from], t.end[i]);
    }
  }
  return m.text;
}

/** "the deputy minister" → an earlier named source with that title; "the statement" → its maker. */
function resolveDescription(
  m: Mention,
  names: (string | null)[],
  resolved: (string | null)[],
  at: number,
  sentences: SentenceSpan[],
): string | null {
  const head = m.head.replace(/[^\p{L}\p{N}]/gu, '');
  if (!head) return null;
  const word = new RegExp(`(?<![\\p{L}\\p{N}])${head}(?![\\p{L}\\p{N}])`, 'iu');
  for (let k = at - 1; k >= 0; k--) if (names[k] && word.test(names[k]!)) return names[k];
  for (let k = at - 1; k >= 0; k--) if (resolved[k] && word.test(sentences[k].text)) return resolved[k];
  for (let k = at + 1; k < names.length; k++) if (names[k] && word.test(names[k]!)) return names[k];
  return ROLE_NOUNS.has(m.head) || /\p{Lu}/u.test(m.text.slice(1)) ? m.text : null;
}

/** Sentences inside a multi-sentence quote take the speaker named where the quote closes. */
function propagateQuoteSpeakers(sentences: SentenceSpan[], speakers: (string | null)[]): void {
  let inQuote = false;
  let members: number[] = [];
  let paragraph = -1;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    if (s.paragraph !== paragraph) {
      inQuote = false;
      members = [];
      paragraph = s.paragraph;
    }
    const startedInside = inQuote;
    let opened = false;
    for (const ch of s.text) {
      if (ch === '“') {
        inQuote = true;
        opened = true;
      } else if (ch === '”') inQuote = false;
      else if (ch === '"') {
        inQuote = !inQuote;
        opened ||= inQuote;
      }
    }
    if (startedInside || (opened && inQuote)) members.push(k);
    if (startedInside && !inQuote) {
      const speaker = speakers[k];
      if (speaker) for (const m of members) speakers[m] ??= speaker;
      members = [];
    }
  }
}
