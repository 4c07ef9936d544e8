import { ClaimExtractor } from '../../src/extraction/claim-extractor';
import { checkGold, readArticleWithGold } from '../support/gold-fixture';

const { body, gold } = readArticleWithGold();

describe('claim extraction on the seed article', () => {
  const sut = new ClaimExtractor();
  const sentences = sut.extract(body);
  const byFragment = (fragment: string) => sentences.find((s) => s.text.includes(fragment));

  it('should read a non-trivial gold file', () => {
    expect(gold.filter((g) => g.kind === 'must').length).toBeGreaterThan(10);
  });

  it.each(checkGold(gold, sentences).map((c) => [c.kind, c.fragment, c.holds] as const))(
    'should hold %s: %s',
    (_kind, _fragment, holds) => {
      expect(holds).toBe(true);
    },
  );

  it('should give every sentence an exact span', () => {
    for (const s of sentences) expect(body.slice(s.start, s.end)).toBe(s.text);
  });

  it.each([
    ['550 children have been killed in Ukraine', 'Olena Zelenska'],
    ['Nearly 300 windows.', 'Dnipro Mayor Borys Filatov'],
    ['“As of 09.00', 'Dnipro Mayor Borys Filatov'],
    ['US would face', 'Sergei Ryabkov'],
    ['extremely important decision', 'Andriy Yermak'],
    ['Russian tactical aviation', 'Andriy Yermak'],
    ['told Russian news agency Tass', 'Mikhail Galuzin'],
    ['Of course, they did not ignore', 'Mikhail Galuzin'],
    ['regularly sent invitations', 'Mikhail Galuzin'],
    ['We know that none of them', 'Mikhail Galuzin'],
    ['according to the city’s mayor', 'Borys Filatov'],
    ['will attend the Ukraine peace conference', 'White House'],
    ['communications director, Kirsten Allen', 'Kirsten Allen'],
  ])('should attribute "%s" to %s', (fragment, speaker) => {
    expect(byFragment(fragment)?.speaker).toContain(speaker);
  });

  it('should leave unattributed narration without a speaker', () => {
    expect(byFragment('Georgia withdrew')?.speaker).toBeNull();
    expect(byFragment('Photos of the aftermath')?.speaker).toBeNull();
  });

  it('should mark section headlines and keep them out of the claims', () => {
    for (const headline of [
      'House, school, hospital damaged in Dnipro strike',
      'Official: Using Western weapons to strike Russian territory could be game-changer',
      'Ukrainian First Lady: 550 children have been killed in the war so far',
    ]) {
      expect(byFragment(headline)).toMatchObject({ text: headline, isHeadline: true, isClaim: false });
    }
  });

  it('should number paragraphs by line', () => {
    expect(byFragment('Nearly 300 windows.')?.paragraph).toBe(byFragment('“As of 09.00')?.paragraph);
    expect(byFragment('Compiled by Ana Dumbadze')?.paragraph).toBe(body.trim().split('\n').length - 1);
  });
});
