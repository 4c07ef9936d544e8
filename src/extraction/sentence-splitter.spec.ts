import { splitSentences } from './sentence-splitter';

const texts = (body: string): string[] => splitSentences(body).sentences.map((s) => s.text);

describe('splitSentences', () => {
  it('should return spans that slice back to the sentence text, including curly quotes and emoji', () => {
    const body =
      '“Dr. Smith’s team won,” she said 😀. Then the U.S. left!\n\n  ‘Fine’ 👨‍👩‍👧 café\u00a0naïve — ok?  \r\nLast line without stop';
    const { sentences } = splitSentences(body);
    expect(sentences.length).toBeGreaterThanOrEqual(4);
    for (const s of sentences) {
      expect(body.slice(s.start, s.end)).toBe(s.text);
      expect(s.text).toBe(s.text.trim());
    }
  });

  it.each([
    ['U.S.', 'The U.S. sent aid to Kyiv on Monday. It arrived.', 'The U.S. sent aid to Kyiv on Monday.'],
    ['Dr. Smith', 'Dr. Smith said it works. Others disagree.', 'Dr. Smith said it works.'],
    [
      'As of 09.00,',
      '“As of 09.00, more than 10 houses were damaged. Nearly 300 windows.',
      '“As of 09.00, more than 10 houses were damaged.',
    ],
    ['Mr. Speaker,', 'Mr. Speaker, we passed the bill. Thank you.', 'Mr. Speaker, we passed the bill.'],
    ['decimals', 'Growth was 3.5 percent in 2023. It slowed.', 'Growth was 3.5 percent in 2023.'],
    ['No. 5', 'Route No. 5 was closed for 3 days. It reopened.', 'Route No. 5 was closed for 3 days.'],
    ['p.m.', 'They met at 5 p.m. on Friday. Nothing followed.', 'They met at 5 p.m. on Friday.'],
  ])('should not split at %s', (_trap, body, first) => {
    expect(texts(body)[0]).toBe(first);
  });

  it('should split at newlines and number paragraphs by line block', () => {
    const { sentences } = splitSentences('Headline without stop\nFirst sentence. Second one.\n\n\nThird para.');
    expect(sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['Headline without stop', 0],
      ['First sentence.', 1],
      ['Second one.', 1],
      ['Third para.', 2],
    ]);
  });

  it('should keep a stray full stop after a closing quote in the sentence before it', () => {
    expect(texts('He urged “more weapons.”. Then he left.')).toEqual(['He urged “more weapons.”.', 'Then he left.']);
  });

  it('should number sentences in document order', () => {
    expect(splitSentences('A one. B two.\nC three.').sentences.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('should return nothing for an empty or blank body', () => {
    expect(splitSentences('').sentences).toEqual([]);
    expect(splitSentences(' \n\t ').sentences).toEqual([]);
  });
});
