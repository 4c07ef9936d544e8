/** "3 h 05 min", "4 min", "45 s": how long something has waited. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** "4:07": a countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const preciseDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string): string => date.format(new Date(iso));
/** To the second, where order and closeness matter (the audit log). */
export const formatPreciseDateTime = (iso: string): string => preciseDateTime.format(new Date(iso));

export const LABEL_NAMES: Record<string, string> = {
  verified: 'Verified',
  disputed: 'Disputed',
  unverifiable: 'Unverifiable',
};
/** "Verified", or a status in words ("needs_adjudication" → "Needs adjudication"). */
export const labelName = (label: string): string =>
  LABEL_NAMES[label] ?? label.charAt(0).toUpperCase() + label.slice(1).replace(/_/g, ' ');

/** A local calendar day (an <input type="date"> value) from its first or to its last millisecond, as ISO timestamps. */
export const dayStart = (day: string): string => new Date(`${day}T00:00:00`).toISOString();
export const dayEnd = (day: string): string => new Date(`${day}T23:59:59.999`).toISOString();
