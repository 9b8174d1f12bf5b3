import { describe, expect, it } from "vitest";

import codes from "../../bindings/finding-codes.json";
import i18n, { LANGUAGES, resources } from "../index";
import { findingText } from "../../lib/findings";
import type { Finding } from "../../bindings/Finding";
import type { FindingCode } from "../../bindings/FindingCode";

/**
 * Every code the preflight can produce — `finding-codes.json`, written from the
 * Rust enum by `cargo test -p postdesk-pdf` — has a text in every language, and
 * no text uses a parameter its code does not have.
 */
const declared = codes as Record<string, string[]>;

/** The parameter names a text uses ("{{mb, number(…)}}" → "mb"). */
const used = (text: string) => [...text.matchAll(/{{\s*([a-zA-Z_]+)/g)].map((m) => m[1]!);

/** What a code's text may use: its parameters, and `count` where it has more pages or a count. */
function allowed(code: string): Set<string> {
  const params = declared[code] ?? [];
  return new Set([...params, ...(params.includes("more_pages") ? ["count"] : [])]);
}

type CodeTexts = Record<string, string>;

describe("finding codes", () => {
  it("are read from the Rust enum", () => {
    expect(Object.keys(declared)).toContain("ink_in_zone");
    expect(Object.keys(declared)).toContain("address_missing");
    expect(declared.ink_in_zone).toEqual(expect.arrayContaining(["page", "zone", "more_pages"]));
  });

  describe.each(LANGUAGES)("%s", (lang) => {
    const findings = (resources[lang].translation as unknown as { findings: Record<string, CodeTexts> }).findings;
    const zones = (resources[lang].translation as unknown as { zones: Record<string, string> }).zones;

    it("has a message and a hint for every code", () => {
      const missing = Object.keys(declared).flatMap((code) =>
        ["message", "hint"].filter((k) => !findings[code]?.[k]?.trim()).map((k) => `${code}.${k}`),
      );
      expect(missing).toEqual([]);
    });

    it("has no text for a code the core does not have", () => {
      expect(Object.keys(findings).filter((c) => !(c in declared))).toEqual([]);
    });

    it("uses only the parameters each code has", () => {
      const wrong = Object.entries(findings).flatMap(([code, texts]) =>
        Object.entries(texts).flatMap(([key, text]) =>
          used(text)
            .filter((p) => !allowed(code).has(p))
            .map((p) => `${code}.${key}: {{${p}}}`),
        ),
      );
      expect(wrong).toEqual([]);
    });

    it("names every zone", () => {
      for (const id of ["address_window", "franking", "left_margin"]) expect(zones[id]?.trim()).toBeTruthy();
    });
  });

  it("words a finding with the language's numbers and plurals", async () => {
    const f = (code: FindingCode, params: Finding["params"], over: Partial<Finding> = {}): Finding => ({
      severity: "error",
      code,
      page: 1,
      zone: null,
      message: "English",
      hint: "English hint",
      params,
      marks: [],
      ...over,
    });
    const t = i18n.getFixedT("de");
    expect(findingText(t, f("ink_in_zone", {}, { zone: "franking" })).message).toBe(
      "Im Bereich „Frankier- und Codierzone“, der frei bleiben muss, ist etwas gedruckt.",
    );
    expect(findingText(t, f("ink_in_zone", { more_pages: 2 }, { zone: "franking" })).message).toContain("2 weiteren Seiten");
    expect(findingText(t, f("too_large", { mb: 21.46, max_mb: 20 })).message).toContain("21,5 MB");
    expect(findingText(i18n.getFixedT("en"), f("too_large", { mb: 21.46, max_mb: 20 })).message).toContain("21.5 MB");
    expect(findingText(i18n.getFixedT("fr"), f("ink_in_zone", { more_pages: 1 }, { zone: "franking" })).message).toContain("1 autre page");
    // A note about standard fonts has its own text and no hint.
    const info = findingText(t, f("fonts_not_embedded", { fonts: "Helvetica" }, { severity: "info", hint: null }));
    expect(info.message).toContain("Standardschriften");
    expect(info.hint).toBeNull();
    // A code this window does not know yet: the core's English stands in.
    const unknown = findingText(t, f("future_code" as FindingCode, {}));
    expect(unknown).toEqual({ message: "English", hint: "English hint" });
  });
});
