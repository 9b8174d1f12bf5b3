import { describe, expect, it } from "vitest";

import i18n from "../i18n";
import type { AppError } from "../bindings/AppError";
import { errorText, providerMessages } from "./errors";

const failed: AppError = {
  code: "provider_letter_error",
  message: "The print centre could not process the letter: No recipient address",
  details: "E612: No recipient address found in the search area",
  params: { provider: "epost", provider_code: "E612", provider_messages: [{ code: "E612", text: "No recipient address found in the search area" }] },
};

describe("errors by code", () => {
  it("words a provider's error by the provider's code, in the clerk's language", () => {
    expect(errorText(i18n.getFixedT("de"), failed)).toBe(
      "Das Druckzentrum hat im Adressfenster keine Empfängeranschrift gefunden. Setzen Sie die Anschrift in den Fensterbereich und senden Sie den Brief erneut.",
    );
    expect(errorText(i18n.getFixedT("sv"), failed)).toContain("adressfönstret");
  });

  it("falls back to the kind's text for a provider code the window does not know, never to the provider's English", () => {
    const unknown = { ...failed, params: { ...failed.params!, provider_code: "E999" } };
    expect(errorText(i18n.getFixedT("de"), unknown)).toBe(
      "Das Druckzentrum konnte den Brief nicht verarbeiten. Den Grund des Anbieters finden Sie unter Details.",
    );
    const refused: AppError = { code: "epost_E999", message: "The provider rejected the letter: x", details: "E999", params: { provider: "epost", provider_code: "E999", provider_messages: [] } };
    expect(errorText(i18n.getFixedT("fr"), refused)).toBe("Le prestataire a refusé la lettre. Le motif du prestataire figure dans Détails.");
  });

  it("keeps the core's English only for a code nobody knows, and lists the provider's messages as given", () => {
    expect(errorText(i18n.getFixedT("de"), { code: "brand_new", message: "English", details: null })).toBe("English");
    expect(providerMessages(failed)).toEqual([{ code: "E612", text: "No recipient address found in the search area" }]);
    expect(providerMessages({ code: "x", message: "", details: "E612: text" })).toEqual([]);
  });
});
