import { seededRandom } from '../../bench/lib/seeded-random';
/**
 * Varied synthetic articles for the import test and bench/ingest: seeded, so a run is reproducible, and salted,
 * so two runs on one database never share a body hash. Slots are drawn independently, which keeps unrelated
 * sentences well below the similarity threshold (no quadratic linking between template copies).
 */
export interface SyntheticArticle {
  title: string;
  body: string;
  url?: string;
  source: string;
  author: string;
  publishedAt: string;
}

const FIRST = [
  'Anna',
  'Ivan',
  'Olena',
  'Marek',
  'Sofia',
  'Taras',
  'Lena',
  'Pavlo',
  'Irina',
  'Jonas',
  'Maria',
  'Dmytro',
  'Katya',
  'Viktor',
  'Alina',
  'Bohdan',
  'Nadia',
  'Oskar',
  'Yulia',
  'Roman',
];
const ROLES = [
  'Mayor',
  'Governor',
  'Minister',
  'Spokesperson',
  'Commander',
  'Senator',
  'Prosecutor',
  'Ombudsman',
  'Chairman',
  'Director',
];
const PLACES = [
  'Lviv',
  'Odesa',
  'Kharkiv',
  'Dnipro',
  'Poltava',
  'Sumy',
  'Chernihiv',
  'Vinnytsia',
  'Zhytomyr',
  'Mykolaiv',
  'Kherson',
  'Rivne',
  'Lutsk',
  'Uzhhorod',
  'Ternopil',
  'Cherkasy',
  'Kropyvnytskyi',
  'Chernivtsi',
  'Ivano-Frankivsk',
  'Zaporizhzhia',
  'Kramatorsk',
  'Izium',
  'Bucha',
  'Irpin',
  'Brovary',
  'Bila Tserkva',
  'Kremenchuk',
  'Uman',
  'Nizhyn',
  'Konotop',
];
const NOUNS = [
  'houses',
  'schools',
  'bridges',
  'drones',
  'power lines',
  'hospitals',
  'tractors',
  'grain silos',
  'apartment blocks',
  'ambulances',
  'substations',
  'warehouses',
];
const VERBS = [
  'damaged',
  'destroyed',
  'repaired',
  'inspected',
  'evacuated',
  'rebuilt',
  'shelled',
  'insured',
  'reopened',
  'sealed off',
];
const ORGS = [
  'regional council',
  'health ministry',
  'state emergency service',
  'central bank',
  'energy regulator',
  'national police',
  'statistics office',
  'railway operator',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const THINGS = [
  'heating subsidies',
  'school meals',
  'bomb shelters',
  'road repairs',
  'mobile clinics',
  'water filters',
  'bus routes',
  'flood barriers',
];
const SOURCES = [
  'Kyiv Ledger',
  'Danube Wire',
  'Northern Post',
  'Steppe Daily',
  'Carpathian Times',
  'Harbour Herald',
  'Metro Courier',
  'Field Notes',
];

const SYLLABLES = [
  'ka',
  'lo',
  'vre',
  'mi',
  'dan',
  'tso',
  'gur',
  'bel',
  'zy',
  'pon',
  'rik',
  'sha',
  'tev',
  'nu',
  'hol',
  'dre',
  'vak',
  'ost',
  'mer',
  'chu',
  'lyp',
  'gor',
  'bai',
  'fen',
  'xu',
  'qir',
  'wen',
  'jas',
];

interface Words {
  pick<T>(xs: T[]): T;
  n(max: number): number;
  /** "Anna Kalovre": a stock first name and a coined surname, rare trigrams as real names have. */
  person(): string;
  place(): string;
}

const SENTENCES: ((w: Words) => string)[] = [
  (w) =>
    `${w.pick(ROLES)} ${w.person()} said ${w.n(400)} ${w.pick(NOUNS)} were ${w.pick(VERBS)} in ${w.place()} on ${w.pick(DAYS)}.`,
  (w) =>
    `According to the ${w.pick(ORGS)}, ${w.n(90)} percent of ${w.pick(NOUNS)} in ${w.place()} have been ${w.pick(VERBS)} since ${w.pick(MONTHS)} ${2015 + w.n(9)}.`,
  (w) =>
    `${w.person()}, the ${w.pick(ROLES).toLowerCase()} of ${w.place()}, told reporters the ${w.pick(ORGS)} would spend $${w.n(900)} million on ${w.pick(THINGS)}.`,
  (w) =>
    `The ${w.pick(ORGS)} reported ${w.n(60)} people injured after an attack near ${w.place()} early on ${w.pick(DAYS)}.`,
  (w) => `${w.person()} warned that ${w.place()} could lose ${w.n(300)} ${w.pick(NOUNS)} by ${w.pick(MONTHS)}.`,
  (w) => `I think ${w.pick(THINGS)} matter more than ever.`,
  (w) => `What will ${w.place()} do about ${w.pick(THINGS)} next?`,
  (w) =>
    `${w.place()} now has the largest stock of ${w.pick(THINGS)} in the region, with ${w.n(5000)} units, the ${w.pick(ORGS)} said.`,
  (w) =>
    `Officials in ${w.place()} confirmed that ${w.n(120)} ${w.pick(NOUNS)} had been ${w.pick(VERBS)} by ${w.pick(DAYS)} evening.`,
  (w) => `Residents of ${w.place()} were urged to stay calm.`,
];

/** `count` articles; article k's body carries `salt` and k, so every body hash differs. */
export function syntheticArticles(count: number, salt: string, seed = 20240603): SyntheticArticle[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const coined = () => {
    const w = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(SYLLABLES)).join('');
    return w[0].toUpperCase() + w.slice(1);
  };
  const w: Words = {
    pick,
    n: (max) => 1 + Math.floor(r() * max),
    person: () => `${pick(FIRST)} ${coined()}`,
    place: () => `${pick(PLACES)}-${coined()}`,
  };
  return Array.from({ length: count }, (_, k) => {
    const sentences = Array.from({ length: 4 + Math.floor(r() * 5) }, () => pick(SENTENCES)(w));
    const paragraphs = [sentences.slice(0, 2).join(' '), sentences.slice(2).join(' '), `Dispatch ${salt}-${k}.`];
    const day = 1 + (k % 28);
    return {
      title: `${pick(PLACES)}: ${pick(NOUNS)} ${pick(VERBS)}, ${pick(ORGS)} says (${k})`,
      body: paragraphs.join('\n\n'),
      ...(k % 3 === 0 && { url: `https://${pick(SOURCES).toLowerCase().replace(/ /g, '-')}.example.com/${salt}/${k}` }),
      source: pick(SOURCES),
      author: w.person(),
      publishedAt: new Date(Date.UTC(2024, k % 12, day, k % 24)).toISOString(),
    };
  });
}

export function toNdjson(articles: object[]): string {
  return articles.map((a) => JSON.stringify(a)).join('\n') + '\n';
}
