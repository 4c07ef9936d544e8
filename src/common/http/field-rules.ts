import { buildMessage, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/** PostgreSQL integer columns and the offsets and counts bound to them. */
export const MAX_INT4 = 2_147_483_647;

/**
 * Absent (undefined) skips the field's other rules; null does too only with `nullable: true`. class-validator's own
 * IsOptional lets null through to NOT NULL columns (a 500 from the database instead of a 400 naming the field).
 */
export function IsOptional({
  nullable = false,
  ...options
}: ValidationOptions & { nullable?: boolean } = {}): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined && (!nullable || value !== null), options);
}

// Calendar dates only (no week or ordinal dates), years 0001–9999: what both PostgreSQL and JavaScript's Date read alike.
const CALENDAR = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

export function isCalendarTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = CALENDAR.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  if (m[8] !== undefined && (Number(m[8]) > 15 || Number(m[9]) > 59)) return false;
  return true;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** An ISO 8601 calendar date or date-time, e.g. 2024-06-03 or 2024-06-03T09:00:00Z (IsISO8601 also takes 2024-W01). */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: isCalendarTimestamp,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an ISO 8601 calendar date or date-time (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]), years 0001-9999`,
          options,
        ),
      },
    },
    options,
  );
}
