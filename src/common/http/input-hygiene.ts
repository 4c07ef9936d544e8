/**
 * Text PostgreSQL can store exactly as given: no U+0000 (text cannot hold it) and no lone UTF-16 surrogate (the
 * driver would write it as U+FFFD, so the stored value would differ from the one we answered with).
 */
// With the u flag a surrogate pair is one code point, so only a lone surrogate is in the Cs category.
const LONE_SURROGATE = /\p{Cs}/u;

export function illFormedReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

export interface IllFormedField {
  field: string;
  reason: string;
}

/** The first string (value or key) anywhere in `value` that PostgreSQL could not store as given, with its path. */
export function findIllFormedField(value: unknown, path = ''): IllFormedField | undefined {
  if (typeof value === 'string') {
    const reason = illFormedReason(value);
    return reason ? { field: path || 'value', reason } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const keyReason = Array.isArray(value) ? undefined : illFormedReason(key);
    if (keyReason) return { field: path || 'body', reason: `has a key that ${keyReason}` };
    const found = findIllFormedField(item, field);
    if (found) return found;
  }
  return undefined;
}

/** findIllFormedField as one message, for places that report a line rather than a field (the NDJSON import). */
export function findIllFormedString(value: unknown): string | undefined {
  const found = findIllFormedField(value);
  return found && `${found.field} ${found.reason}`;
}

/** Whether `value` holds more than `max` keys and items in all: a body that was not JSON (a form) skipped the JSON checks. */
export function exceedsKeys(value: unknown, max: number): boolean {
  let seen = 0;
  const walk = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    for (const item of Object.values(v)) if (++seen > max || walk(item)) return true;
    return false;
  };
  return walk(value);
}
