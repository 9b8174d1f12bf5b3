import type { TFunction } from "i18next";

import type { Address } from "../bindings/Address";
import type { Letter } from "../bindings/Letter";
import type { PageRange } from "../bindings/PageRange";
import type { SplitPlan } from "../bindings/SplitPlan";

/**
 * Splitting a merged PDF (a mail merge's 300 letters in one file) into letters.
 * The engine proposes the cuts (`split_preview`); the clerk edits them here, as
 * plain operations on page ranges, before `split_draft` makes the drafts.
 */

export type { PageRange } from "../bindings/PageRange";
export type { SplitPlan } from "../bindings/SplitPlan";
export type { SplitRule } from "../bindings/SplitRule";

/** When a multi-page PDF's address rule would make ≥ 2 letters: how many (else null). */
export function lettersHint(letter: Letter): number | null {
  const hint = letter.preflight.letters_hint;
  return hint !== null && hint >= 2 ? hint : null;
}

/** Whether the ranges cover pages 0‥total-1 exactly once, in order, none empty. */
export function coversAll(ranges: PageRange[], total: number): boolean {
  let next = 0;
  for (const r of ranges) {
    if (r.first_page !== next || !Number.isInteger(r.pages) || r.pages < 1) return false;
    next += r.pages;
  }
  return next === total && ranges.length > 0;
}

/**
 * Moves the boundary after letter `index` by one page: `-1` gives that letter's last
 * page to the next letter, `+1` takes the next letter's first page. Unchanged when
 * there is no next letter or a letter would be left without pages.
 */
export function moveBoundary(ranges: PageRange[], index: number, delta: -1 | 1): PageRange[] {
  const a = ranges[index];
  const b = ranges[index + 1];
  if (!a || !b) return ranges;
  if (a.pages + delta < 1 || b.pages - delta < 1) return ranges;
  const out = ranges.slice();
  out[index] = { first_page: a.first_page, pages: a.pages + delta };
  out[index + 1] = { first_page: b.first_page + delta, pages: b.pages - delta };
  return out;
}

/** Can the boundary after letter `index` move by `delta`? */
export function canMoveBoundary(ranges: PageRange[], index: number, delta: -1 | 1): boolean {
  return moveBoundary(ranges, index, delta) !== ranges;
}

/** Letter `index` and the one after it become one letter. */
export function mergeWithNext(ranges: PageRange[], index: number): PageRange[] {
  const a = ranges[index];
  const b = ranges[index + 1];
  if (!a || !b) return ranges;
  return [...ranges.slice(0, index), { first_page: a.first_page, pages: a.pages + b.pages }, ...ranges.slice(index + 2)];
}

/** Letter `index` is cut before `page` (0-based, absolute): `page` starts a new letter. */
export function splitAt(ranges: PageRange[], index: number, page: number): PageRange[] {
  const r = ranges[index];
  if (!r || page <= r.first_page || page >= r.first_page + r.pages) return ranges;
  const head = { first_page: r.first_page, pages: page - r.first_page };
  const tail = { first_page: page, pages: r.first_page + r.pages - page };
  return [...ranges.slice(0, index), head, tail, ...ranges.slice(index + 1)];
}

/** The plan's ranges, as `split_draft` takes them. */
export const rangesOf = (letters: PageRange[]): PageRange[] => letters.map(({ first_page, pages }) => ({ first_page, pages }));

/**
 * The recipient the engine read on a letter's first page: an address, null when that
 * page has none, undefined when the page did not start a letter in the plan (an edit
 * moved the start; the address is read when the letter is made).
 */
export function addressAt(plan: SplitPlan | null, firstPage: number): Address | null | undefined {
  const l = plan?.letters.find((x) => x.first_page === firstPage);
  return l ? l.address : undefined;
}

/** "Erika Mustermann · 12345 Berlin" (first line, then postal code and city when read). */
export function recipientText(address: Address): string {
  const first = address.lines.find((l) => l.trim() !== "") ?? "";
  const place = [address.postal_code, address.city].filter(Boolean).join(" ");
  return [first, place].filter(Boolean).join(" · ");
}

/** "pages 3–5" / "page 3" (1-based, as the clerk counts). */
export function rangeText(t: TFunction, r: PageRange): string {
  const first = r.first_page + 1;
  return r.pages === 1 ? t("split.rangeOne", { first }) : t("split.range", { first, last: first + r.pages - 1 });
}

/** Where a split draft came from: "pages 3–5 of merged.pdf"; null for a PDF dropped alone. */
export function splitOrigin(t: TFunction, letter: Letter): string | null {
  const from = letter.split_from;
  if (!from) return null;
  const first = from.first_page + 1;
  return from.pages === 1
    ? t("split.originOne", { first, file: letter.file_name })
    : t("split.origin", { first, last: first + from.pages - 1, file: letter.file_name });
}
