import { ClaimException } from './claim.exception';
import { assertSpan, locateSpan, normalizeClaimText } from './claim-text';

describe('claim text', () => {
  const body = 'The mayor said 7 houses burned. The bridge closed. The bridge closed. Ж “quoted” 👩🏽‍💻 end.';
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as ClaimException).code;
    }
    return 'none';
  };

  it('should compare content words only, ignoring case, punctuation and function words', () => {
    expect(normalizeClaimText('The Mayor said: 7 houses were burned!')).toBe('mayor 7 houses burned');
    expect(normalizeClaimText('“Mayor” — 7 HOUSES burned')).toBe('mayor 7 houses burned');
    expect(normalizeClaimText('It was.')).toBe('');
  });

  it('should locate a span by offsets or by unique text, exactly', () => {
    expect(locateSpan(body, { start: 4, end: 9 })).toEqual({ start: 4, end: 9, text: 'mayor' });
    const text = '“quoted” 👩🏽‍💻';
    const span = locateSpan(body, { text });
    expect(body.slice(span.start, span.end)).toBe(text);
  });

  it.each([
    [{ text: 'absent' }, 'CLAIM_TEXT_NOT_FOUND'],
    [{ text: 'The bridge closed.' }, 'CLAIM_TEXT_AMBIGUOUS'],
    [{ start: 0, end: 10_000 }, 'CLAIM_SPAN_OUT_OF_RANGE'],
    [{ start: 5, end: 5 }, 'CLAIM_SPAN_OUT_OF_RANGE'],
    [{ start: 31, end: 32 }, 'CLAIM_SPAN_OUT_OF_RANGE'],
    [{ start: 0, end: 3, text: 'The' }, 'CLAIM_FORM_INVALID'],
    [{ end: 3 }, 'CLAIM_FORM_INVALID'],
    [{}, 'CLAIM_FORM_INVALID'],
  ])('should refuse %j with %s', (input, code) => {
    expect(codeOf(() => locateSpan(body, input))).toBe(code);
  });

  it('should treat a span that does not match its text as a bug', () => {
    expect(() => assertSpan(body, { start: 0, end: 3, text: 'the' })).toThrow(/does not match/);
  });
});
