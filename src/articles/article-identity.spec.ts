import { bodySha256, normalizeUrl } from './article-identity';

describe('article identity', () => {
  it.each([
    ['HTTPS://News.Example.COM/Story/', 'https://news.example.com/Story'],
    ['https://news.example.com/story#comments', 'https://news.example.com/story'],
    ['https://news.example.com/story?utm_source=x&id=7&UTM_Medium=y', 'https://news.example.com/story?id=7'],
    ['http://news.example.com:80/', 'http://news.example.com'],
    ['https://news.example.com/a?q=1', 'https://news.example.com/a?q=1'],
  ])('should normalize %s to %s', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it('should return null for an absent url', () => {
    expect(normalizeUrl(undefined)).toBeNull();
    expect(normalizeUrl('')).toBeNull();
  });

  it('should hash bodies that differ only in line endings, composition and spacing alike', () => {
    const base = bodySha256('Café said: 12 killed.\nSecond line.');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(bodySha256('  Cafe\u0301 said:  12 killed.\r\n\r\nSecond   line. ')).toBe(base);
    expect(bodySha256('Café said: 13 killed.\nSecond line.')).not.toBe(base);
  });
});
