import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import de from "./de";
import en from "./en";

export const resources = { en: { translation: en }, de: { translation: de } } as const;
export type Language = keyof typeof resources;
export const LANGUAGES: Language[] = ["en", "de"];

const STORAGE_KEY = "postdesk.language";

/** The system's language if we speak it, else English. */
export function systemLanguage(): Language {
  const wanted = typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base as Language)) return base as Language;
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
