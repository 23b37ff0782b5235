// Values of a raw query's row as the app uses them: raw rows differ by driver (SQLite: dates as
// text, booleans as 0/1, integers sometimes bigint; PostgreSQL: Date, boolean, number, and
// COUNT(*) as bigint).

/** A DATETIME column: a Date, or SQLite's ISO text. */
export const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/** A nullable DATETIME column. */
export const toDateOrNull = (v: Date | string | null): Date | null => (v === null ? null : toDate(v));

/** A BOOLEAN column: true, 1 or 1n are true; anything else (null included) is false. */
export const toBool = (v: boolean | number | bigint | null): boolean => v === true || (v !== null && v !== false && Number(v) === 1);

/** An INTEGER column that may be null. */
export const toInt = (v: number | bigint | null): number | null => (v === null ? null : Number(v));

/** An INTEGER column or a COUNT(*) that is never null. */
export const toNumber = (v: number | bigint): number => Number(v);
