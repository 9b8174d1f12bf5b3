// The pre-send dialog's form and its rules — the same rules the core checks
// (core/src/sending.rs) and the E-POST API documents: costCenter ≤ 8 [0-9a-zA-Z],
// custom1 ≤ 80, address lines ≤ 80 (5 in Germany, 4 abroad), a German postal
// code has 5 digits, no duplex with a registered letter, registered letters only
// within Germany.
import type { Address } from "../bindings/Address";
import type { Letter } from "../bindings/Letter";
import type { LetterOverride } from "../bindings/LetterOverride";
import type { SendOptions } from "../bindings/SendOptions";

export const COST_CENTER_MAX = 8;
export const REFERENCE_MAX = 80;
export const LINE_MAX = 80;

/** Countries the provider takes by their German name (core wire.rs), ISO codes; "" = Germany. */
export const COUNTRIES = ["", "AT", "BE", "CH", "CZ", "DK", "ES", "FI", "FR", "GB", "IT", "LU", "NL", "NO", "PL", "SE", "US"];

export type AddressForm = { lines: string; postal_code: string; city: string; country: string };
export type DialogForm = {
  options: SendOptions;
  cost_center: string;
  reference: string;
  addresses: Record<number, AddressForm>;
};

/** An i18n key under `dialog.errors`, with values. */
export type Problem = { key: string; values?: Record<string, string | number> };

export const isDomestic = (country: string | null | undefined) => !country || country.trim() === "" || country.trim().toUpperCase() === "DE";

/** The recipient lines above the postal-code/town line (and without the country line). */
export function nameLines(a: Address | null): string[] {
  if (!a) return [];
  const lines = a.lines.map((l) => l.trim()).filter((l) => l !== "");
  const pc = a.postal_code?.trim() ?? "";
  const city = a.city?.trim() ?? "";
  const postal = lines.findIndex((l) => (pc !== "" && l.includes(pc)) || (city !== "" && l.endsWith(city) && l.length <= city.length + 12));
  return postal > 0 ? lines.slice(0, postal) : lines;
}

export function addressForm(letter: Letter): AddressForm {
  const a = letter.recipient ?? letter.preflight.address;
  return {
    lines: nameLines(a).join("\n"),
    postal_code: a?.postal_code ?? "",
    city: a?.city ?? "",
    country: isDomestic(a?.country) ? "" : (a?.country ?? "").toUpperCase(),
  };
}

export function initialForm(letters: Letter[], defaults: SendOptions): DialogForm {
  const first = letters[0];
  return {
    // One letter: its own options (they are the defaults unless changed); a batch: the company's defaults.
    options: { ...(letters.length === 1 && first ? first.options : defaults) },
    cost_center: letters.length === 1 && first ? (first.cost_center ?? "") : "",
    reference: letters.length === 1 && first ? (first.reference ?? "") : "",
    addresses: Object.fromEntries(letters.map((l) => [l.id, addressForm(l)])),
  };
}

export function costCenterProblem(v: string): Problem | null {
  const s = v.trim();
  if (s.length > COST_CENTER_MAX || !/^[0-9A-Za-z]*$/.test(s)) return { key: "costCenter", values: { max: COST_CENTER_MAX } };
  return null;
}

export function referenceProblem(v: string): Problem | null {
  return v.trim().length > REFERENCE_MAX ? { key: "reference", values: { max: REFERENCE_MAX } } : null;
}

const splitLines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

export type AddressProblems = { lines?: Problem; postal_code?: Problem; city?: Problem };

export function addressProblems(a: AddressForm): AddressProblems {
  const out: AddressProblems = {};
  const lines = splitLines(a.lines);
  const domestic = isDomestic(a.country);
  const max = domestic ? 5 : 4;
  if (lines.length === 0) out.lines = { key: "addressMissing" };
  else if (lines.length > max) out.lines = { key: domestic ? "addressTooMany" : "addressTooManyAbroad", values: { max } };
  else if (lines.some((l) => l.length > LINE_MAX)) out.lines = { key: "addressLineLength", values: { max: LINE_MAX } };
  const pc = a.postal_code.trim();
  if (domestic && !/^\d{5}$/.test(pc)) out.postal_code = { key: "postalCodeDe" };
  else if (pc.length > 20) out.postal_code = { key: "postalCodeLength" };
  const city = a.city.trim();
  if (city === "" || city.length > LINE_MAX) out.city = { key: "city" };
  return out;
}

/** Why the options cannot be sent to these letters: duplex + registered, registered abroad. */
export function optionProblems(options: SendOptions, form: DialogForm, letters: Letter[]): { registered?: Problem } {
  if (options.registered === "none") return {};
  if (options.duplex) return { registered: { key: "duplexRegistered" } };
  const abroad = letters.filter((l) => !isDomestic(form.addresses[l.id]?.country));
  if (abroad.length > 0) {
    const first = abroad[0]!;
    return {
      registered: {
        key: abroad.length === 1 ? "registeredAbroad" : "registeredAbroadMany",
        values: { file: first.file_name, country: form.addresses[first.id]!.country, count: abroad.length },
      },
    };
  }
  return {};
}

/** Every problem of the form, for the send button's "why not". */
export function formProblems(form: DialogForm, letters: Letter[]): Problem[] {
  const out: Problem[] = [];
  const o = optionProblems(form.options, form, letters);
  if (o.registered) out.push(o.registered);
  const cc = costCenterProblem(form.cost_center);
  if (cc) out.push(cc);
  const ref = referenceProblem(form.reference);
  if (ref) out.push(ref);
  for (const l of letters) {
    const a = form.addresses[l.id];
    if (!a) continue;
    const p = addressProblems(a);
    const first = p.lines ?? p.postal_code ?? p.city;
    if (first) out.push({ key: "addressOf", values: { file: l.file_name } });
  }
  return out;
}

/** What goes to `send_letters_checked` for each letter. */
export function toOverrides(form: DialogForm, letters: Letter[]): LetterOverride[] {
  const blank = (s: string) => (s.trim() === "" ? null : s.trim());
  return letters.map((l) => {
    const a = form.addresses[l.id]!;
    return {
      id: l.id,
      options: { ...form.options },
      recipient: {
        lines: splitLines(a.lines),
        postal_code: blank(a.postal_code),
        city: blank(a.city),
        country: isDomestic(a.country) ? null : a.country.trim().toUpperCase(),
      },
      cost_center: blank(form.cost_center),
      reference: blank(form.reference),
    };
  });
}
