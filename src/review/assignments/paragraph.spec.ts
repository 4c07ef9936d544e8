import { paragraphAround } from './paragraph';

describe('paragraphAround', () => {
  const body = 'Headline\nFirst sentence. Second “quoted” 👩🏽‍💻 sentence.\nLast line';

  it('should return the line holding the span with offsets into the body', () => {
    const start = body.indexOf('Second');
    const p = paragraphAround(body, start, start + 6);
    expect(p.text).toBe('First sentence. Second “quoted” 👩🏽‍💻 sentence.');
    expect(body.slice(p.start, p.end)).toBe(p.text);
  });

  it('should handle the first and last paragraphs', () => {
    expect(paragraphAround(body, 0, 4).text).toBe('Headline');
    expect(paragraphAround(body, body.length - 4, body.length).text).toBe('Last line');
  });

  it('should widen to cover a span across a line break', () => {
    const start = body.indexOf('sentence.\nLast');
    expect(paragraphAround(body, start, start + 14).text).toBe(
      'First sentence. Second “quoted” 👩🏽‍💻 sentence.\nLast line',
    );
  });
});
