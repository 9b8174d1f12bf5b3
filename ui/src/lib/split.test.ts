import { describe, expect, it } from "vitest";

import { canMoveBoundary, coversAll, mergeWithNext, moveBoundary, splitAt, type PageRange } from "./split";

/** Ranges from page counts: [2, 1, 3] → pages 0–1, 2, 3–5. */
function plan(...counts: number[]): PageRange[] {
  let first = 0;
  return counts.map((pages) => {
    const r = { first_page: first, pages };
    first += pages;
    return r;
  });
}
const counts = (ranges: PageRange[]) => ranges.map((r) => r.pages);

/** Every edit in every place on a plan keeps every page in exactly one letter. */
function everyEdit(ranges: PageRange[]): PageRange[][] {
  const out: PageRange[][] = [];
  ranges.forEach((r, i) => {
    out.push(moveBoundary(ranges, i, -1), moveBoundary(ranges, i, 1), mergeWithNext(ranges, i));
    for (let p = r.first_page - 1; p <= r.first_page + r.pages; p++) out.push(splitAt(ranges, i, p));
  });
  return out;
}

describe("split edits", () => {
  it("checks that letters cover every page once, in order, none empty", () => {
    expect(coversAll(plan(2, 1, 3), 6)).toBe(true);
    expect(coversAll(plan(2, 1, 3), 7)).toBe(false); // a page left out
    expect(coversAll(plan(2, 1, 3), 5)).toBe(false); // one page too many
    expect(coversAll([{ first_page: 0, pages: 2 }, { first_page: 1, pages: 2 }], 3)).toBe(false); // page 1 twice
    expect(coversAll([...plan(2), { first_page: 2, pages: 0 }, { first_page: 2, pages: 1 }], 3)).toBe(false); // an empty letter
    expect(coversAll([], 0)).toBe(false);
  });

  it("moves a boundary one page earlier or later", () => {
    const p = plan(2, 1, 3);
    expect(moveBoundary(p, 0, -1)).toEqual([{ first_page: 0, pages: 1 }, { first_page: 1, pages: 2 }, { first_page: 3, pages: 3 }]);
    expect(counts(moveBoundary(p, 1, 1))).toEqual([2, 2, 2]);
    expect(moveBoundary(p, 1, 1)[2]).toEqual({ first_page: 4, pages: 2 });
    expect(p).toEqual(plan(2, 1, 3)); // the plan itself is left alone
  });

  it("never moves a boundary so that a letter is left without pages, nor past the last letter", () => {
    const p = plan(2, 1, 3);
    expect(moveBoundary(p, 0, 1)).toBe(p); // letter 2 has one page
    expect(moveBoundary(p, 1, -1)).toBe(p); // letter 2 has one page
    expect(moveBoundary(p, 2, 1)).toBe(p); // no letter after the last
    expect(canMoveBoundary(p, 0, 1)).toBe(false);
    expect(canMoveBoundary(p, 0, -1)).toBe(true);
  });

  it("merges a letter with the next", () => {
    expect(mergeWithNext(plan(2, 1, 3), 0)).toEqual(plan(3, 3));
    expect(mergeWithNext(plan(2, 1, 3), 1)).toEqual(plan(2, 4));
    const p = plan(2, 1, 3);
    expect(mergeWithNext(p, 2)).toBe(p);
  });

  it("splits a letter at a page inside it, and only there", () => {
    expect(splitAt(plan(1, 4), 1, 3)).toEqual(plan(1, 2, 2));
    expect(splitAt(plan(1, 4), 1, 4)).toEqual(plan(1, 3, 1));
    const p = plan(1, 4);
    expect(splitAt(p, 1, 1)).toBe(p); // its own first page: nothing to cut
    expect(splitAt(p, 1, 5)).toBe(p); // past its end
    expect(splitAt(p, 0, 0)).toBe(p);
  });

  it("keeps every page in exactly one letter through any sequence of edits", () => {
    let frontier = [plan(1, 3, 2, 1, 2)];
    const total = 9;
    for (let depth = 0; depth < 3; depth++) {
      frontier = frontier.flatMap(everyEdit);
      for (const ranges of frontier) expect(coversAll(ranges, total)).toBe(true);
    }
    // Edits reach every way to cut: 9 pages have 2^8 of them.
    const seen = new Set(frontier.map((r) => counts(r).join(",")));
    expect(seen.size).toBeGreaterThan(50);
  });
});
