/**
 * Time filters compare at the precision the API shows. PostgreSQL keeps microseconds, every response shows
 * milliseconds (truncated, by node-pg and by to_char's MS alike), so `to=` equal to a shown time must include that
 * row and `from=X&to=X` must return it: both bounds apply to the shown (millisecond) value. Written as ranges on the
 * column itself, so an index on it still serves them. `param` is an SQL placeholder such as `$3`.
 */
const shownMs = (param: string) => `date_trunc('milliseconds', ${param}::timestamptz)`;

/** The shown value of `column` is at or after `param` (the first whole millisecond at or after it). */
export function shownAtOrAfter(column: string, param: string): string {
  return `${column} >= ${shownMs(param)} + CASE WHEN ${shownMs(param)} < ${param}::timestamptz THEN interval '1 millisecond' ELSE interval '0' END`;
}

/** The shown value of `column` is at or before `param`: anything within `param`'s millisecond counts. */
export function shownAtOrBefore(column: string, param: string): string {
  return `${column} < ${shownMs(param)} + interval '1 millisecond'`;
}
