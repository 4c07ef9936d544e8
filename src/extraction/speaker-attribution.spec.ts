import { ClaimExtractor } from './claim-extractor';

describe('speaker attribution', () => {
  const sut = new ClaimExtractor();
  const speakers = (body: string): (string | null)[] => sut.extract(body).map((s) => s.speaker);

  it('should take a capitalised name before the reporting verb', () => {
    expect(speakers('Ukrainian first lady Olena Zelenska said Tuesday that 550 children have been killed.')).toEqual(['Olena Zelenska']);
  });

  it('should skip an appositive between the name and the verb', () => {
    expect(speakers('On Monday, Sergei Ryabkov, Moscow’s deputy foreign minister, said that the US would pay.')).toEqual(['Sergei Ryabkov']);
  });

  it('should give every sentence of a quote the speaker named where it closes', () => {
    expect(speakers('“Ten houses were damaged. A school. 31 private houses,” Dnipro Mayor Borys Filatov said on Telegram.')).toEqual([
      'Dnipro Mayor Borys Filatov',
      'Dnipro Mayor Borys Filatov',
      'Dnipro Mayor Borys Filatov',
    ]);
  });

  it('should resolve a surname and a pronoun to the full name seen earlier', () => {
    const out = speakers('Deputy minister Mikhail Galuzin told Tass that invitations went unanswered.\n“We know it,” Galuzin said.\n“It is true,” he said.');
    expect(out).toEqual(['Mikhail Galuzin', 'Mikhail Galuzin', 'Mikhail Galuzin']);
  });

  it('should read an inverted attribution after the quote', () => {
    expect(speakers('Harris will travel to Geneva, said her communications director, Kirsten Allen.')).toEqual(['Kirsten Allen']);
  });

  it('should return null when nobody is named', () => {
    expect(speakers('The bridge was closed for three days in May.')).toEqual([null]);
  });
});
