// The rules of the Setup form, checked at each field before any call. The core
// checks the same rules again (setup.rs), so a bypassed UI cannot store them.
import type { EpostSetup } from "../bindings/EpostSetup";
import type { ProviderDescription } from "../bindings/ProviderDescription";
import type { SendOptions } from "../bindings/SendOptions";

/** One `@`, something before it, a dotted domain after it, no blanks, ≤ 100. */
export function isEmail(s: string): boolean {
  return s.length <= 100 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s);
}

/** Duplex and registered letter do not combine where the provider says so (Deutsche Post prints registered single-sided). */
export const conflicts = (o: SendOptions, d: ProviderDescription): boolean =>
  o.duplex && o.registered !== "none" && !d.registered_with_duplex;

/** i18n keys of the errors, by field; null = fine. The EKP's length is the provider's (`d.account_id`). */
export function validateSetup(v: EpostSetup, d: ProviderDescription) {
  const mail = v.epost.test_email.trim();
  const ekp = [...v.epost.ekp.trim()].length;
  const ekpOk = !d.account_id || (ekp >= d.account_id.min && ekp <= d.account_id.max);
  return {
    "epost.ekp": ekpOk ? null : "setup.errors.ekp",
    "epost.test_email":
      v.prefs.test_mode && mail === ""
        ? "setup.errors.testEmailMissing"
        : mail !== "" && !isEmail(mail)
          ? "setup.errors.testEmail"
          : null,
    "defaults.registered": conflicts(v.defaults, d) ? "setup.conflict" : null,
  };
}

/** The setup is complete except for secret and password: "Set password…" may start. */
export function readyForPassword(v: EpostSetup, d: ProviderDescription): boolean {
  const e = validateSetup(v, d);
  return e["epost.ekp"] === null && e["epost.test_email"] === null;
}

export function validatePin(pin: string): string | null {
  return /^\d{6}$/.test(pin.trim()) ? null : "setup.errors.pin";
}

export function validatePassword(p: string): string | null {
  return [...p].length >= 5 && [...p].length <= 100 ? null : "setup.errors.passwordLength";
}
