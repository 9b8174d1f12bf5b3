import { describe, expect, it } from "vitest";

import de from "./de";
import en from "./en";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === "object" && v !== null ? values(v) : [String(v)]));
}

describe("translations", () => {
  it("English and German have exactly the same keys", () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it("no German text is empty, and placeholders match", () => {
    expect(values(de).filter((v) => v.trim() === "")).toEqual([]);
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    const enKeys = keys(en);
    const get = (o: object, path: string) => path.split(".").reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o) as string;
    for (const k of enKeys) expect([k, placeholders(get(de, k))]).toEqual([k, placeholders(get(en, k))]);
  });
});
