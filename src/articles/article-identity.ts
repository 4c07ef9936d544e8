import { createHash } from 'node:crypto';

/**
 * Two posts of the same page must collide: lower-case scheme and host (URL does that), default port, fragment,
 * utm_* tracking parameters and a trailing slash are dropped. Returns null for an absent url.
 */
export function normalizeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const url = new URL(raw.trim());
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) {
    if (key.toLowerCase().startsWith('utm_')) url.searchParams.delete(key);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** The same text re-sent with other line endings, Unicode composition or spacing is the same article. */
export function normalizeBody(body: string): string {
  return body.normalize('NFC').replace(/\r\n?/g, '\n').trim().replace(/\s+/g, ' ');
}

export function bodySha256(body: string): string {
  return createHash('sha256').update(normalizeBody(body), 'utf8').digest('hex');
}

/** The keys an article is unique by (body hash, and url when it has one): two articles sharing any key are one. */
export function identityKeys({ hash, url }: { hash: string; url: string | null }): string[] {
  return url ? [`sha:${hash}`, `url:${url}`] : [`sha:${hash}`];
}
