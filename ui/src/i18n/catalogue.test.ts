import { describe, expect, it } from "vitest";

import { LANGUAGES, resources } from "./index";

// The UI has no Node typings (@types/node), but Vitest runs in Node.
const fs = (await import("node:fs" as string)) as {
  readFileSync(path: string, encoding: "utf8"): string;
  writeFileSync(path: string, text: string): void;
  existsSync(path: string): boolean;
};
const { dirname, resolve } = (await import("node:path" as string)) as {
  dirname(path: string): string;
  resolve(...paths: string[]): string;
};
const { fileURLToPath } = (await import("node:url" as string)) as { fileURLToPath(url: string): string };

/**
 * The command line's words come from the window's catalogue: the texts it needs
 * (findings, zone names, error codes, severities, the split's words) are written here to
 * `src-tauri/crates/cli/catalogue.json`, which `postdesk-cli --lang` embeds. Like
 * the ts-rs bindings, the test rewrites a stale copy; with `CI` set it fails on one.
 */
const CATALOGUE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../src-tauri/crates/cli/catalogue.json");

function catalogue(): string {
  const out = Object.fromEntries(
    LANGUAGES.map((lang) => {
      const r = resources[lang].translation as unknown as Record<string, unknown>;
      return [lang, { findings: r.findings, zones: r.zones, errorCodes: r.errorCodes, severity: r.severity, split: r.split }];
    }),
  );
  return `${JSON.stringify(out, null, 1)}\n`;
}

describe("the command line's catalogue", () => {
  it("is the window's texts", () => {
    const want = catalogue();
    const have = fs.existsSync(CATALOGUE) ? fs.readFileSync(CATALOGUE, "utf8") : "";
    if (have !== want) fs.writeFileSync(CATALOGUE, want);
    const ci = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.CI;
    if (ci) expect(have).toBe(want);
  });
});
