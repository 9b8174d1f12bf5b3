import { describe, expect, it } from "vitest";

import codes from "../../bindings/error-codes.json";
import { LANGUAGES, resources } from "../index";

/**
 * Every error code that comes from a kind of failure in the core — one per
 * `CoreError` variant and provider `ErrorKind`, written from the Rust types by
 * `cargo test -p postdesk-core` to `bindings/error-codes.json` — has a text in every
 * language, so no such error reaches the clerk in the core's English.
 */
describe("error codes of the core", () => {
  it("are read from the Rust types", () => {
    expect(codes).toContain("db_locked");
    expect(codes).toContain("provider_auth");
    expect(codes).toContain("provider_letter_error");
  });

  it.each(LANGUAGES)("%s words every one of them", (lang) => {
    const texts = (resources[lang].translation as unknown as { errorCodes: Record<string, string> }).errorCodes;
    expect((codes as string[]).filter((c) => !texts[c]?.trim())).toEqual([]);
  });
});
