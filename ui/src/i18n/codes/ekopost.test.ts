import { describe, expect, it } from "vitest";

import { LANGUAGES, resources } from "../index";
import { ekopostCodes } from "./ekopost";

// The UI has no Node typings (@types/node), but Vitest runs in Node: load what
// is used of fs, path and url untyped, and say what it is.
const { readFileSync } = (await import("node:fs" as string)) as {
  readFileSync(path: string, encoding: "utf8"): string;
};
const { dirname, resolve } = (await import("node:path" as string)) as {
  dirname(path: string): string;
  resolve(...paths: string[]): string;
};
const { fileURLToPath } = (await import("node:url" as string)) as { fileURLToPath(url: string): string };

// Not `new URL(…, import.meta.url)`: Vite rewrites that into a dev-server URL.
const CODES_RS = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../src-tauri/crates/providers/src/ekopost/codes.rs",
);

/** The codes of `ERROR_CODES` in codes.rs, in table order: a literal ("105") or a `pub const` (AUTH → "0"). */
function rustCodes(): string[] {
  const source = readFileSync(CODES_RS, "utf8");
  const table = /pub const ERROR_CODES: &\[\(&str, &str\)\] = &\[([\s\S]*?)\n\];/.exec(source)?.[1];
  if (table === undefined) throw new Error("ERROR_CODES table not found in codes.rs");
  const consts = new Map(
    [...source.matchAll(/pub const ([A-Z0-9_]+): &str = "([^"]*)";/g)].map((m) => [m[1], m[2]] as const),
  );
  const rows = table.split("\n").filter((line) => line.trim().startsWith("("));
  return rows.map((row) => {
    const m = /^\s*\(\s*(?:"([^"]+)"|([A-Z0-9_]+))\s*,/.exec(row);
    const code = m?.[1] ?? (m?.[2] !== undefined ? consts.get(m[2]) : undefined);
    if (code === undefined) throw new Error(`cannot read the code of this ERROR_CODES row: ${row.trim()}`);
    return code;
  });
}

const codes = rustCodes();

describe("Ekopost error codes", () => {
  it("reads every code of ERROR_CODES from codes.rs", () => {
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toContain("0");
    expect(codes).toContain("100A");
    expect(codes).toContain("143");
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("has texts for exactly the app's languages", () => {
    expect(Object.keys(ekopostCodes).sort()).toEqual([...LANGUAGES].sort());
  });

  describe.each(LANGUAGES)("%s", (lang) => {
    const texts: Record<string, string> = ekopostCodes[lang];

    it("words exactly the codes of codes.rs", () => {
      expect(Object.keys(texts).sort()).toEqual([...codes].sort());
    });

    it("has no empty text", () => {
      expect(Object.entries(texts).filter(([, v]) => v.trim() === "")).toEqual([]);
    });

    it("has no placeholders (the texts are shown without parameters)", () => {
      expect(Object.entries(texts).filter(([, v]) => v.includes("{{"))).toEqual([]);
    });

    it("names the “Copy for support” button as the window labels it", () => {
      const label = resources[lang].translation.common.copyForSupport;
      const quoted = Object.values(texts).flatMap((v) => [...v.matchAll(/\([„“”«]\u00a0?([^)]+?)\u00a0?[“”»]\)/g)].map((m) => m[1]));
      expect(quoted.length).toBeGreaterThan(0);
      expect(quoted.filter((q) => q !== label)).toEqual([]);
    });
  });

  it("French puts a non-breaking space before : ; ? ! » and after «", () => {
    const bad = Object.entries(ekopostCodes.fr).filter(([, v]) => /[^\u00a0\u202f][:;?!»]|«[^\u00a0\u202f]/.test(v));
    expect(bad).toEqual([]);
  });
});
