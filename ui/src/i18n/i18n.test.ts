import { afterEach, describe, expect, it, vi } from "vitest";

import i18n, { LANGUAGE_NAMES, LANGUAGES, resources, systemLanguage, type Language } from "./index";

/** Every text of a language, keyed by its dotted path ("send.sendN_one"). */
function flatten(obj: object, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj).flatMap(([k, v]) =>
      typeof v === "object" && v !== null ? Object.entries(flatten(v, `${prefix}${k}.`)) : [[`${prefix}${k}`, String(v)]],
    ),
  );
}

// As the window loads them: with the providers' own error codes (`index.ts`).
const english = flatten(resources.en.translation);
const PLURAL_SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;
/** Keys English uses with a count ("send.sendN" for send.sendN_one/_other). */
const pluralBases = new Set(
  Object.keys(english).flatMap((k) => (k.endsWith("_other") ? [k.slice(0, -"_other".length)] : [])),
);

/** The plural key a dotted key is one form of, or null ("errorCodes.pin_too_many" is no plural form). */
function pluralOf(key: string): { base: string; form: string } | null {
  const m = PLURAL_SUFFIX.exec(key);
  return m && pluralBases.has(m[1]) ? { base: m[1], form: m[2] } : null;
}

/** A key without its plural suffix. */
const stem = (key: string) => pluralOf(key)?.base ?? key;

const placeholders = (s: string) => (s.match(/{{[^}]+}}/g) ?? []).sort();

/** The English text a translation is measured against: the same key, or English's "other" form for forms English lacks. */
const englishFor = (key: string) => english[key] ?? english[`${stem(key)}_other`];

const messages = (lang: Language) => flatten(resources[lang].translation);

describe("translations", () => {
  it("every language with translations is in the picker, named in its own language", () => {
    expect([...LANGUAGES].sort()).toEqual(Object.keys(resources).sort());
    for (const lang of LANGUAGES) expect([lang, LANGUAGE_NAMES[lang].trim()]).not.toEqual([lang, ""]);
    expect(LANGUAGE_NAMES).toMatchObject({
      en: "English",
      de: "Deutsch",
      sv: "Svenska",
      nb: "Norsk bokmål",
      fi: "Suomi",
      nl: "Nederlands",
      fr: "Français",
    });
  });

  describe.each(LANGUAGES)("%s", (lang) => {
    const texts = messages(lang);

    it("has exactly the keys of English (plural forms aside)", () => {
      const stems = (keys: string[]) => [...new Set(keys.map(stem))].sort();
      expect(stems(Object.keys(texts))).toEqual(stems(Object.keys(english)));
    });

    it("has every plural form the language needs, and no other", () => {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
      const forms = new Map<string, string[]>([...pluralBases].map((b) => [b, []]));
      for (const key of Object.keys(texts)) {
        const p = pluralOf(key);
        if (p) forms.get(p.base)?.push(p.form);
      }
      for (const [base, have] of forms) expect([base, have.sort()]).toEqual([base, needed]);
    });

    it("i18next finds a text in this language for every count", () => {
      // Without the fallback to English, which would hide a missing form (e.g. French "1 000 000" is "many").
      const missing = [...pluralBases].flatMap((base) =>
        [0, 1, 2, 5, 21, 1_000_000].filter((count) => !i18n.exists(base, { lng: lang, count, fallbackLng: false })).map((count) => `${base} (${count})`),
      );
      expect(missing).toEqual([]);
    });

    it("has no empty text", () => {
      expect(Object.entries(texts).filter(([, v]) => v.trim() === "")).toEqual([]);
    });

    it("keeps the placeholders of the English text", () => {
      for (const [key, text] of Object.entries(texts)) {
        const source = englishFor(key);
        if (source === undefined) continue; // a key English lacks fails the key test above
        expect([key, placeholders(text)]).toEqual([key, placeholders(source)]);
      }
    });
  });
});

describe("system language", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const withSystem = (tags: string[]) => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(tags);
    return systemLanguage();
  };

  it("picks the first system language Postdesk speaks", () => {
    expect(withSystem(["sv-SE"])).toBe("sv");
    expect(withSystem(["sv-FI", "fi-FI"])).toBe("sv");
    expect(withSystem(["fi-FI"])).toBe("fi");
    expect(withSystem(["nl-BE"])).toBe("nl");
    expect(withSystem(["fr-BE", "nl-BE"])).toBe("fr");
    expect(withSystem(["es-ES", "de-DE"])).toBe("de");
    expect(withSystem(["ja-JP"])).toBe("en");
  });

  it("answers every Norwegian system with Bokmål", () => {
    expect(withSystem(["nb-NO"])).toBe("nb");
    expect(withSystem(["no"])).toBe("nb");
    expect(withSystem(["nn-NO"])).toBe("nb");
  });
});
