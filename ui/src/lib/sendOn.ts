import type { SendOn } from "../bindings/SendOn";
import i18n from "../i18n";

/** A day as the date input and the core write it: YYYY-MM-DD, in local time. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The earliest and latest day "Send on" offers: today and the same day a year ahead. */
export function sendOnBounds(now: Date): { min: string; max: string } {
  const max = new Date(now.getFullYear() + 1, now.getMonth(), now.getDate());
  return { min: isoDay(now), max: isoDay(max) };
}

/** The start of the day `day` (YYYY-MM-DD) in the clerk's time zone, Unix ms; null: not a date. */
export function localMidnightMs(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? d.getTime() : null;
}

/**
 * What goes to the core for the chosen day: null for today (or an empty or past
 * day): send now; a later day within the bounds: the day and its local midnight.
 */
export function sendOnFor(day: string, now: Date): SendOn | null {
  const { min, max } = sendOnBounds(now);
  const at = localMidnightMs(day);
  if (at === null || day <= min || day > max) return null;
  return { date: day, at_ms: at };
}

/** A day (YYYY-MM-DD) in the clerk's language, e.g. "3 Dec 2026". */
export function formatDay(day: string): string {
  const at = localMidnightMs(day);
  if (at === null) return day;
  return new Intl.DateTimeFormat(i18n.language, { day: "numeric", month: "short", year: "numeric" }).format(new Date(at));
}

/** A history note the core writes as a code (`send_on_due:2026-12-03`): its i18n key and values, or null for a plain note. */
export function scheduleNote(note: string): { key: string; values: { date: string } } | null {
  const m = /^(send_on_due|send_on_late):(\d{4}-\d{2}-\d{2})$/.exec(note);
  return m ? { key: `schedule.notes.${m[1]}`, values: { date: formatDay(m[2]!) } } : null;
}
