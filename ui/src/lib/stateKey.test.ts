import { describe, expect, it } from "vitest";

import i18n from "../i18n";
import { stateExplainedKey, stateKey } from "./letters";

describe("a letter's state in the provider's terms", () => {
  it("keeps E-POST's numbered statuses for E-POST only", () => {
    expect(stateKey("sent", "epost")).toBe("state.sent");
    expect(stateKey("sent")).toBe("state.sent");
    expect(stateExplainedKey("sent", "epost")).toBe("jobs.stateExplained.sent");
    expect(stateExplainedKey("sent", "easypost")).toBe("jobs.stateExplainedOther.sent");
  });

  it("words EasyPost's sending-event status and Ekopost's envelope state", () => {
    expect(stateKey("sent", "easypost", "DELIVERED")).toBe("deliveries.status.easypost.DELIVERED");
    expect(stateKey("sent", "ekopost", "posted")).toBe("ekopostState.posted");
    expect(stateKey("accepted", "posti", null)).toBe("deliveries.state.accepted");
    expect(stateKey("queued", "easypost", "CREATED")).toBe("state.queued");
  });

  it("never shows E-POST's status numbers for another provider, in any language", async () => {
    for (const lng of ["en", "de", "sv", "nb", "fi", "fr", "nl"]) {
      await i18n.changeLanguage(lng);
      for (const s of ["submitted", "accepted", "released", "printing", "sent", "failed"] as const) {
        for (const key of [stateKey(s, "easypost", null), stateExplainedKey(s, "easypost")]) {
          expect(i18n.exists(key), `${lng} ${key}`).toBe(true);
          expect(i18n.t(key), `${lng} ${key}`).not.toMatch(/\(\d+\)|\b(4|99)\b/);
        }
      }
    }
    await i18n.changeLanguage("en");
  });
});
