import { describe, expect, it } from "vitest";

import rules from "../../bindings/rule-codes.json";
import i18n, { LANGUAGES, resources } from "../index";
import { errorText } from "../../lib/errors";
import type { AppError } from "../../bindings/AppError";

/**
 * Every rule's code the core can produce — `RuleCode`, written with the parameters
 * each may use to `bindings/rule-codes.json` by `cargo test -p postdesk-core` — has
 * a text in every language, and no text uses a parameter its code does not have.
 */
const declared = rules as Record<string, string[]>;

/** The parameter names a text uses ("{{max}}" → "max"). */
const used = (text: string) => [...text.matchAll(/{{\s*([a-zA-Z_]+)/g)].map((m) => m[1]!);

describe("rule codes of the core", () => {
  it("are read from the Rust enum", () => {
    expect(Object.keys(declared)).toEqual(expect.arrayContaining(["letter_has_problem", "setup_ekp", "address_city", "options_channel"]));
    expect(declared.letter_has_problem).toEqual(["file", "finding"]);
    expect(declared.reference_length).toEqual(["max"]);
  });

  describe.each(LANGUAGES)("%s", (lang) => {
    const texts = (resources[lang].translation as unknown as { errorCodes: Record<string, string> }).errorCodes;

    it("words every one of them", () => {
      expect(Object.keys(declared).filter((c) => !texts[c]?.trim())).toEqual([]);
      expect(used(texts.in_file ?? "").sort()).toEqual(["file", "text"]);
    });

    it("uses only the parameters each code has", () => {
      const wrong = Object.keys(declared).flatMap((code) =>
        used(texts[code] ?? "")
          .filter((p) => !declared[code]!.includes(p))
          .map((p) => `${code}: {{${p}}}`),
      );
      expect(wrong).toEqual([]);
    });
  });

  it("words a letter held back by a finding from the finding's code, not the core's English", () => {
    const held: AppError = {
      code: "letter_has_problem",
      message: "“a.pdf” can't be sent yet: Page 1 has no recipient address.",
      details: null,
      params: {
        provider_messages: [],
        file: "a.pdf",
        finding: { severity: "error", code: "address_missing", page: 1, zone: null, message: "English", hint: null, params: {}, marks: [] },
      },
    };
    const de = errorText(i18n.getFixedT("de"), held);
    expect(de.startsWith("„a.pdf“ kann noch nicht gesendet werden: ")).toBe(true);
    expect(de).not.toContain("English");
    expect(de.length).toBeGreaterThan("„a.pdf“ kann noch nicht gesendet werden: ".length + 5);
  });

  it("fills a rule's limit and names the letter of several it refused", () => {
    const long: AppError = { code: "reference_length", message: "x", details: null, params: { provider_messages: [], max: 80, file: "b.pdf" } };
    expect(errorText(i18n.getFixedT("sv"), long)).toBe("”b.pdf”: Referensen får ha högst 80 tecken.");
    expect(errorText(i18n.getFixedT("fr"), { ...long, params: { provider_messages: [], max: 80 } })).toBe("La référence peut avoir 80 caractères au plus.");
  });
});
