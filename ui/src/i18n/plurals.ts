import type { Messages } from "./en";

/** The plural forms i18next knows (CLDR categories, as Intl.PluralRules reports them). */
export type PluralForm = "zero" | "one" | "two" | "few" | "many" | "other";

type WithForms<T, Extra extends PluralForm> = {
  [K in keyof T]: T[K] extends string ? string : WithForms<T[K], Extra>;
} & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_${Extra}` : never]: string;
};

/**
 * The messages of a language whose plural rules have more forms than English
 * (en.ts has only *_one and *_other): every key of en.ts, plus a `<key>_<form>`
 * beside each `<key>_other` for each extra form. French, for example, needs
 * "_many" (1 000 000 lettres); without it i18next would show the bare key.
 */
export type MessagesWith<Extra extends PluralForm> = WithForms<Messages, Extra>;
