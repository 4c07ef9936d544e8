import { parseDuration } from './auth.service';

describe('parseDuration', () => {
  it('should read seconds and s/m/h/d suffixes', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('45s')).toBe(45);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('12h')).toBe(43200);
    expect(parseDuration('7d')).toBe(604800);
  });

  it('should reject anything else', () => {
    expect(() => parseDuration('1w')).toThrow();
    expect(() => parseDuration('')).toThrow();
  });
});
