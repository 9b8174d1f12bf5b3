// The pre-send dialog's form and its rules — the same rules the core checks
// (core/src/sending.rs), with every limit read from the provider's description
// (`AppStatus.provider`, made by the provider's module in Rust): cost centre and
// reference lengths, address lines (domestic / abroad), the domestic postal
// code's digits, duplex with registered, registered only at home.
import type { Address } from "../bindings/Address";
import type { Letter } from "../bindings/Letter";
import type { LetterOverride } from "../bindings/LetterOverride";
import type { ProviderDescription } from "../bindings/ProviderDescription";
import type { SendOptions } from "../bindings/SendOptions";

/** Countries offered for a letter abroad, ISO codes; "" = the provider's home country. */
export const COUNTRIES = ["", "AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "IT", "LU", "NL", "NO", "PL", "SE", "US"];

/** The countries of the dialog's list for this provider: home first (as ""), never twice. */
export const countriesFor = (d: ProviderDescription) => COUNTRIES.filter((c) => c !== d.home_country);

export type AddressForm = { lines: string; postal_code: string; city: string; country: string };
export type DialogForm = {
  options: SendOptions;
  cost_center: string;
  reference: string;
  addresses: Record<number, AddressForm>;
};

/** An i18n key under `dialog.errors`, with values. */
export type Problem = { key: string; values?: Record<string, string | number> };

export const isDomestic = (d: ProviderDescription, country: string | null | undefined) =>
  !country || country.trim() === "" || country.trim().toUpperCase() === d.home_country;

/** The recipient lines above the postal-code/town line (and without the country line). */
export function nameLines(a: Address | null): string[] {
  if (!a) return [];
  const lines = a.lines.map((l) => l.trim()).filter((l) => l !== "");
  const pc = a.postal_code?.trim() ?? "";
  const city = a.city?.trim() ?? "";
  const postal = lines.findIndex((l) => (pc !== "" && l.includes(pc)) || (city !== "" && l.endsWith(city) && l.length <= city.length + 12));
  return postal > 0 ? lines.slice(0, postal) : lines;
}

export function addressForm(d: ProviderDescription, letter: Letter): AddressForm {
  const a = letter.recipient ?? letter.preflight.address;
  return {
    lines: nameLines(a).join("\n"),
    postal_code: a?.postal_code ?? "",
    city: a?.city ?? "",
    country: isDomestic(d, a?.country) ? "" : (a?.country ?? "").toUpperCase(),
  };
}

export function initialForm(d: ProviderDescription, letters: Letter[], defaults: SendOptions): DialogForm {
  const first = letters[0];
  return {
    // One letter: its own options (they are the defaults unless changed); a batch: the company's defaults.
    options: { ...(letters.length === 1 && first ? first.options : defaults) },
    cost_center: letters.length === 1 && first ? (first.cost_center ?? "") : "",
    reference: letters.length === 1 && first ? (first.reference ?? "") : "",
    addresses: Object.fromEntries(letters.map((l) => [l.id, addressForm(d, l)])),
  };
}

export function costCenterProblem(d: ProviderDescription, v: string): Problem | null {
  const s = v.trim();
  const max = d.cost_center?.max ?? 0;
  if ([...s].length > max || (d.cost_center_alphanumeric && !/^[0-9A-Za-z]*$/.test(s))) return { key: "costCenter", values: { max } };
  return null;
}

export function referenceProblem(d: ProviderDescription, v: string): Problem | null {
  const max = d.reference?.max ?? 0;
  return [...v.trim()].length > max ? { key: "reference", values: { max } } : null;
}

const splitLines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

export type AddressProblems = { lines?: Problem; postal_code?: Problem; city?: Problem };

export function addressProblems(d: ProviderDescription, a: AddressForm): AddressProblems {
  const out: AddressProblems = {};
  const lines = splitLines(a.lines);
  const domestic = isDomestic(d, a.country);
  const max = domestic ? d.address_lines_domestic : d.address_lines_abroad;
  const lineMax = d.address_line.max;
  if (lines.length === 0) out.lines = { key: "addressMissing" };
  else if (lines.length > max) out.lines = { key: domestic ? "addressTooMany" : "addressTooManyAbroad", values: { max } };
  else if (lines.some((l) => [...l].length > lineMax)) out.lines = { key: "addressLineLength", values: { max: lineMax } };
  const pc = a.postal_code.trim();
  const digits = pc.replace(/\s/g, "");
  if (domestic && !new RegExp(`^\\d{${d.domestic_postal_code_digits}}$`).test(digits))
    out.postal_code = { key: "postalCodeHome", values: { digits: d.domestic_postal_code_digits, country: d.home_country } };
  else if ([...pc].length > d.postal_code.max) out.postal_code = { key: "postalCodeLength", values: { max: d.postal_code.max } };
  const city = [...a.city.trim()].length;
  if (city < Math.max(1, d.city.min) || city > d.city.max) out.city = { key: "city", values: { max: d.city.max } };
  return out;
}

/** Why the options cannot be sent to these letters: duplex + registered, registered abroad. */
export function optionProblems(d: ProviderDescription, options: SendOptions, form: DialogForm, letters: Letter[]): { registered?: Problem } {
  if (options.registered === "none") return {};
  if (options.duplex && !d.registered_with_duplex) return { registered: { key: "duplexRegistered" } };
  const rek = rekProblem(d, form, letters);
  if (rek) return { registered: rek };
  if (!d.registered_domestic_only) return {};
  const abroad = letters.filter((l) => !isDomestic(d, form.addresses[l.id]?.country));
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

/** Registered letters with shorter lines (Ekopost rek: name and street ≤ 35, a
 *  postal code of the home country's digits), as core checks them too. */
function rekProblem(d: ProviderDescription, form: DialogForm, letters: Letter[]): Problem | null {
  const max = d.registered_line_max;
  if (!max) return null;
  const bad = letters.find((l) => {
    const a = form.addresses[l.id];
    if (!a) return false;
    const pc = a.postal_code.replace(/\s/g, "");
    return splitLines(a.lines).some((x) => [...x].length > max) || !new RegExp(`^\\d{${d.domestic_postal_code_digits}}$`).test(pc);
  });
  return bad ? { key: "registeredRek", values: { file: bad.file_name, max, digits: d.domestic_postal_code_digits } } : null;
}

/** Every problem of the form, for the send button's "why not". */
export function formProblems(d: ProviderDescription, form: DialogForm, letters: Letter[]): Problem[] {
  const out: Problem[] = [];
  const o = optionProblems(d, form.options, form, letters);
  if (o.registered) out.push(o.registered);
  const cc = costCenterProblem(d, form.cost_center);
  if (cc) out.push(cc);
  const ref = referenceProblem(d, form.reference);
  if (ref) out.push(ref);
  for (const l of letters) {
    const a = form.addresses[l.id];
    if (!a) continue;
    const p = addressProblems(d, a);
    const first = p.lines ?? p.postal_code ?? p.city;
    if (first) out.push({ key: "addressOf", values: { file: l.file_name } });
  }
  return out;
}

/** What goes to `send_letters_checked` for each letter. */
export function toOverrides(d: ProviderDescription, form: DialogForm, letters: Letter[]): LetterOverride[] {
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
        country: isDomestic(d, a.country) ? null : a.country.trim().toUpperCase(),
      },
      cost_center: blank(form.cost_center),
      reference: blank(form.reference),
    };
  });
}
