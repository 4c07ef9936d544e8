// General English cue words for check-worthiness. Lower-case, straight apostrophes (tokens are
// normalised the same way). Kept generic on purpose: nothing here comes from an evaluation set.

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Reporting verbs that attribute a statement to a source. */
export const ATTRIBUTION_VERBS = set(`
  said says say told tells tell claimed claims claim warned warns stated states announced announces
  reported reports confirmed confirms added adds wrote writes noted notes insisted insists denied denies
  estimated estimates declared declares alleged alleges admitted admits acknowledged revealed reveals
  testified disclosed accused accuses argued argues explained explains posted tweeted
`);

/** Verbs that report an event or a change in the world (inflected forms: the model has no lemmatiser). */
export const EVENT_VERBS = set(`
  killed kills injured injures wounded wounds damaged damages destroyed destroys attacked attacks
  hit hits struck strikes shot shelled bombed launched launches fired invaded invades captured seized
  occupied liberated withdrew withdraws withdrawn retreated evacuated arrested detained charged convicted
  sentenced died dies murdered executed allowed allows banned bans approved approves rejected rejects
  vetoed passed passes signed signs voted votes enacted repealed ratified ended ends suspended suspends
  resigned fired elected appointed nominated elects won lost wins loses defeated beat
  increased increases decreased decreases doubled tripled halved rose rises risen fell falls fallen
  dropped drops declined declines grew grows grown jumped surged soared plunged cut cuts slashed raised
  raises reduced reduces lowered created creates added eliminated eliminates closed closes opened opens
  built builds moved spent spends paid pays borrowed owed collected received receives earned
  invested exported imported produced produces deported crossed smuggled hired laid
  funded funds sent sends delivered supplied supplies sold sells bought buys costs cost
  visited visits met attend attended attends travel travelled traveled hosted
  joined joins left leaves sued banned imposed lifted sanctioned blocked blocks
  reached reaches exceeded exceeds totaled totalled ranked ranks
`);

/** Words that state a change or trend ("is rising", "went down"), which can be checked against data. */
export const TREND_WORDS = set(`
  increasing decreasing rising falling growing shrinking declining dropping soaring surging plunging
  climbing improving worsening doubling tripling fleeing leaving losing gaining cutting raising
  up down
`);

/** Scope words that turn a superlative into a record claim ("lowest ever", "biggest in history"). */
export const RECORD_SCOPE = set(`ever history record all-time world country nation anywhere decades century since`);

/** Verbs announcing a plan or request rather than a fact ("going to", "plan to", "calling on"). */
export const PLAN_VERBS = set(
  `going plan plans planning intend intends propose proposes calling asking promise promised pledge vow`,
);

/** Common comparative forms; a suffix test on "-er" catches too many nouns and fixed adjectives. */
export const COMPARATIVES = set(`
  better worse higher lower bigger smaller larger greater cheaper cleaner safer stronger weaker richer
  poorer faster slower longer shorter fewer older younger wealthier healthier deadlier
`);

/** Irregular or auxiliary past/perfect markers; regular past is recognised by the -ed suffix. */
export const PAST_MARKERS = set(`
  was were had did has have been went came made gave took got saw brought began became
  kept held led told said thought found knew spent sent built sold bought paid won lost
`);

export const MODALS = set(`could might may would should must can ought shall`);
export const FUTURE_MARKERS = set(`will 'll gonna`);

export const FIRST_PERSON_SINGULAR = set(`i me my mine myself i'm i've i'd i'll`);
export const FIRST_PERSON_PLURAL = set(`we us our ours ourselves we're we've we'd we'll`);
export const SECOND_PERSON = set(`you your yours yourself yourselves you're you've you'll you'd`);

/** Verbs of opinion, wish or feeling: with a first-person subject they mark opinion, not fact. */
export const OPINION_VERBS = set(`
  think believe feel hope wish want love hate like guess suppose expect trust fear doubt agree disagree
  prefer pray dream imagine bet suspect consider understand mean
`);

/** Appeals and calls to action. */
export const APPEAL_WORDS = set(`appeal appeals urge urges ask call beg implore demand please let's`);

/** "Let me say/be clear…" is a discourse marker before an assertion, not a call to action. */
export const LET_ME_DISCOURSE = set(`say tell point make be add remind explain put talk give`);

export const HEDGES = set(`maybe perhaps probably possibly presumably apparently seemingly`);

/** Evaluative adjectives that express a judgement rather than something checkable. */
export const SUBJECTIVE_WORDS = set(`
  great wonderful beautiful amazing incredible tremendous terrific fantastic magnificent awesome
  terrible horrible awful disgraceful shameful sad happy proud honored honoured grateful thankful
  brave courageous heroic evil wrong right nice lovely glorious noble sacred blessed
`);

/** Ceremony, greeting and discourse words that dominate non-factual speech. */
export const CEREMONY_WORDS = set(
  `thank thanks congratulations welcome bless applause goodnight hello ladies gentlemen tonight honored honoured`,
);

/** Words that introduce comparison or extremes beyond -er/-est adjectives. */
export const COMPARISON_WORDS = set(`
  than more less fewer most least ever never record highest lowest largest biggest smallest
  worst best number-one times twice half double triple majority minority compared versus unprecedented
  historic history all-time
`);

/** Nouns that name quantities or measured aggregates (statistics vocabulary, not topics). */
export const QUANTITY_NOUNS = set(`
  percent percentage per cent rate rates million millions billion billions trillion thousand thousands
  hundred hundreds dozen dozens number numbers average total amount share level levels figure figures
  budget deficit debt cost costs price prices income wage wages salary unemployment employment
  growth inflation gdp revenue population tons miles kilometres kilometers square acres
`);

export const MONTHS_AND_DAYS = set(`
  january february march april june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
  yesterday today tomorrow
`);

/** Capitalised titles that often precede a person's name (custom NER: the lite model has none). */
export const PERSON_TITLES = set(`
  president vice prime minister secretary chancellor mayor governor senator sen rep representative
  congressman congresswoman speaker ambassador general gen colonel col admiral commander chief minister
  spokesman spokeswoman spokesperson director chairman chairwoman chair ceo judge justice king queen
  prince princess pope lady sir dr mr mrs ms adviser advisor deputy foreign defense defence interior
  first official officials head leader envoy commissioner sheriff police
`);

/** Nouns for a source described rather than named ("the city's mayor", "the deputy minister"). */
export const ROLE_NOUNS = set(`
  mayor minister president governor senator spokesman spokeswoman spokesperson official officials
  ambassador secretary chancellor adviser advisor director chief commander general prosecutor statement
  ministry agency police military army governor lawmaker lawmakers representative envoy
`);

export const BYLINE_START =
  /^(?:(?:compiled|reporting|reported|written|edited|editing|additional reporting|produced|translated|photos?|text) by\b|by [A-Z][a-z]+ [A-Z])/i;
