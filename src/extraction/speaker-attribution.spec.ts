import { ClaimExtractor } from './claim-extractor';
import { speakerKind } from './speaker-attribution';

describe('speaker attribution', () => {
  const sut = new ClaimExtractor();
  const speakers = (body: string): (string | null)[] => sut.extract(body).map((s) => s.speaker);

  it('should take a capitalised name before the reporting verb', () => {
    expect(speakers('Ukrainian first lady Olena Zelenska said Tuesday that 550 children have been killed.')).toEqual([
      'Olena Zelenska',
    ]);
  });

  it('should skip an appositive between the name and the verb', () => {
    expect(
      speakers('On Monday, Sergei Ryabkov, Moscow’s deputy foreign minister, said that the US would pay.'),
    ).toEqual(['Sergei Ryabkov']);
  });

  it('should give every sentence of a quote the speaker named where it closes', () => {
    expect(
      speakers('“Ten houses were damaged. A school. 31 private houses,” Dnipro Mayor Borys Filatov said on Telegram.'),
    ).toEqual(['Dnipro Mayor Borys Filatov', 'Dnipro Mayor Borys Filatov', 'Dnipro Mayor Borys Filatov']);
  });

  it('should resolve a surname and a pronoun to the full name seen earlier', () => {
    const out = speakers(
      'Deputy minister Mikhail Galuzin told Tass that invitations went unanswered.\n“We know it,” Galuzin said.\n“It is true,” he said.',
    );
    expect(out).toEqual(['Mikhail Galuzin', 'Mikhail Galuzin', 'Mikhail Galuzin']);
  });

  it('should read an inverted attribution after the quote', () => {
    expect(speakers('Harris will travel to Geneva, said her communications director, Kirsten Allen.')).toEqual([
      'Kirsten Allen',
    ]);
  });

  it('should return null when nobody is named', () => {
    expect(speakers('The bridge was closed for three days in May.')).toEqual([null]);
  });

  it('should keep a multi-word organisation name whole, connectors included, and type it Organization', () => {
    const out = speakers(
      'Unemployment fell to 3.9 percent in March, the Bureau of Economic Analysis said.\nThe American Federation of Teachers said 40,000 members joined in 2024.',
    );
    expect(out).toEqual(['Bureau of Economic Analysis', 'American Federation of Teachers']);
    expect(out.map((name) => speakerKind(name!))).toEqual(['Organization', 'Organization']);
  });

  it('should keep a title before a name with the person, even a title naming an institution', () => {
    const out = speakers(
      'Fire Marshal Dana Ortiz said 14 homes burned on Sunday.\nSecretary of State Laura Brenner said 12 embassies would close.',
    );
    expect(out).toEqual(['Fire Marshal Dana Ortiz', 'Secretary of State Laura Brenner']);
    expect(['Police Commissioner Ana Ruiz', ...out].map((name) => speakerKind(name!))).toEqual([
      'Person',
      'Person',
      'Person',
    ]);
  });

  it('should keep a surname that looks like a reporting verb', () => {
    expect(speakers('Nadia Said said 30 clinics closed in 2023.')).toEqual(['Nadia Said']);
    expect(speakers('Ports handled 9 million containers, said Yusuf Said, the port director.')).toEqual(['Yusuf Said']);
  });

  it('should name no speaker when a plain noun reports an event', () => {
    expect(speakers('Hospitals added 4,000 beds in 2022, the department reported.')).toEqual([null]);
    expect(speakers('Landlords reported 3,000 evictions in May.')).toEqual([null]);
  });

  it('should type acronyms and agencies Organization and people Person', () => {
    expect(speakers('Gas prices climbed 12 cents in a week, AAA said.')).toEqual(['AAA']);
    expect(
      [
        'AAA',
        'FAA',
        'U.N.',
        'Cal Fire',
        'Census Bureau',
        'Energy Department',
        'Ministry of Health',
        'City Council',
        'Police',
      ].map(speakerKind),
    ).toEqual(Array(9).fill('Organization'));
    expect(['Jane Doe', 'Nadia Said', 'Dnipro Mayor Borys Filatov'].map(speakerKind)).toEqual([
      'Person',
      'Person',
      'Person',
    ]);
  });
});
