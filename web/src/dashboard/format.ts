const hour = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Tue 1 Dec, 14:00": the start of an hourly bucket, in the reader's time zone. */
export const formatHour = (iso: string): string => hour.format(new Date(iso));

/** "0.43", or an em dash for an undefined coefficient (no pairable claims, or no variation in labels). */
export const formatAgreement = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

/** "86 %", or an em dash. */
export const formatShare = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)} %`);

const rate = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** "1.5", "0.04" (one verdict in 24 hours), or an em dash. */
export const formatRate = (value: number | null): string => (value === null ? '—' : rate.format(value));
