import type { TFunction } from "i18next";

import type { AppError } from "../bindings/AppError";
import { findingText } from "./findings";

/**
 * An error in the clerk's language, by code (`errorCodes.<code>`). A provider's own
 * error is worded by the provider's code first (`errorCodes.<provider>_<code>`,
 * e.g. `epost_E612`, `ekopost_126`), then by ours; a provider code the window does
 * not know gets the general text of its kind. The core's English `message` stands
 * in only for a code the window does not know at all.
 */
export function errorText(t: TFunction, error: AppError): string {
  const p = error.params;
  const keys: string[] = [];
  if (p?.provider && p.provider_code) keys.push(`errorCodes.${p.provider}_${p.provider_code}`);
  keys.push(`errorCodes.${error.code}`);
  if (p?.provider && error.code.startsWith(`${p.provider}_`)) keys.push("errorCodes.provider_rejected");
  // A finding that holds a letter back is worded as on the desk.
  const finding = p?.finding ? findingText(t, p.finding).message : undefined;
  const text = t(keys, { ...(p ?? {}), finding, defaultValue: error.message });
  // A rule broken by one letter of several names the letter, if its text does not.
  if (p?.file && !text.includes(p.file)) {
    return t("errorCodes.in_file", { file: p.file, text });
  }
  return text;
}

/** The provider's own messages ("E612", "No recipient address…"), as it gave them. */
export function providerMessages(error: AppError | null): { code: string; text: string }[] {
  return error?.params?.provider_messages ?? [];
}
