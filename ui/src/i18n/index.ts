import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import de from "./de";
import en from "./en";
import fi from "./fi";
import fr from "./fr";
import nb from "./nb";
import nl from "./nl";
import sv from "./sv";
import { ekopostCodes } from "./codes/ekopost";
import { findingTexts } from "./codes/findings";
import { providerCodes } from "./codes/provider";
import { coreCodes } from "./codes/core";
import { ruleCodes } from "./codes/rules";
import { peppolTexts } from "./peppol";
import { splitTexts } from "./split";
import { scheduleTexts } from "./schedule";
import { hotFolderTexts } from "./hotfolders";

/** A language's texts with the providers' own error codes under `errorCodes.<provider>_<code>`
 *  (the core sends a provider's refusal with that code; see `outbox.rs`), and the
 *  preflight's findings and zones by code (`findings.<code>`, `zones.<id>`). */
function withProviderCodes<T extends { errorCodes: object }>(messages: T, lang: keyof typeof ekopostCodes) {
  const ekopost = Object.fromEntries(Object.entries(ekopostCodes[lang]).map(([code, text]) => [`ekopost_${code}`, text]));
  return { ...messages, ...findingTexts[lang], ...peppolTexts[lang], ...splitTexts[lang], ...scheduleTexts[lang], ...hotFolderTexts[lang], errorCodes: { ...messages.errorCodes, ...ruleCodes[lang], ...coreCodes[lang], ...providerCodes[lang], ...ekopost } };
}

export const resources = {
  en: { translation: withProviderCodes(en, "en") },
  de: { translation: withProviderCodes(de, "de") },
  sv: { translation: withProviderCodes(sv, "sv") },
  nb: { translation: withProviderCodes(nb, "nb") },
  fi: { translation: withProviderCodes(fi, "fi") },
  nl: { translation: withProviderCodes(nl, "nl") },
  fr: { translation: withProviderCodes(fr, "fr") },
} as const;
export type Language = keyof typeof resources;

/** Each language named in itself, as the Settings picker lists them (in this order). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  de: "Deutsch",
  en: "English",
  fr: "Français",
  nl: "Nederlands",
  nb: "Norsk bokmål",
  fi: "Suomi",
  sv: "Svenska",
};
export const LANGUAGES = Object.keys(LANGUAGE_NAMES) as Language[];

/** System language codes we answer with another language of ours: Norwegian systems report "no" or "nn" as well as "nb". */
const ALIASES: Record<string, Language> = { no: "nb", nn: "nb" };

const STORAGE_KEY = "postdesk.language";

/** The system's language if we speak it, else English. */
export function systemLanguage(): Language {
  const wanted = typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split(/[-_]/)[0] ?? "";
    const lang = ALIASES[base] ?? base;
    if (LANGUAGES.includes(lang as Language)) return lang as Language;
  }
  return "en";
}

/** The clerk's explicit choice, or null for "follow the system". */
export function chosenLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(v as Language) ? (v as Language) : null;
  } catch {
    return null;
  }
}

export function chooseLanguage(lang: Language | null): void {
  try {
    if (lang) localStorage.setItem(STORAGE_KEY, lang);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: the choice lasts for this session only */
  }
  void i18n.changeLanguage(lang ?? systemLanguage());
}

void i18n.use(initReactI18next).init({
  resources,
  lng: chosenLanguage() ?? systemLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on("languageChanged", (lng) => {
  if (typeof document !== "undefined") document.documentElement.lang = lng;
});

export default i18n;
