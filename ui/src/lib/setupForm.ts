// The rules of the Setup form, checked at each field before any call. The core
// checks the same rules again (setup.rs), so a bypassed UI cannot store them.
import type { EpostSetup } from "../bindings/EpostSetup";
import type { SendOptions } from "../bindings/SendOptions";

/** One `@`, something before it, a dotted domain after it, no blanks, ≤ 100. */
export function isEmail(s: string): boolean {
  return s.length <= 100 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s);
}

/** Duplex and registered letter do not combine (Deutsche Post prints registered single-sided). */
export const conflicts = (o: SendOptions): boolean => o.duplex && o.registered !== "none";

/** i18n keys of the errors, by field; null = fine. */
export function validateSetup(v: EpostSetup) {
  const mail = v.epost.test_email.trim();
  return {
    "epost.ekp": [...v.epost.ekp.trim()].length === 10 ? null : "setup.errors.ekp",
    "epost.test_email":
      v.epost.test_mode && mail === ""
        ? "setup.errors.testEmailMissing"
        : mail !== "" && !isEmail(mail)
          ? "setup.errors.testEmail"
          : null,
    "defaults.registered": conflicts(v.defaults) ? "setup.conflict" : null,
  };
}

/** The setup is complete except for secret and password: "Set password…" may start. */
export function readyForPassword(v: EpostSetup): boolean {
  const e = validateSetup(v);
  return e["epost.ekp"] === null && e["epost.test_email"] === null;
}

export function validatePin(pin: string): string | null {
  return /^\d{6}$/.test(pin.trim()) ? null : "setup.errors.pin";
}

export function validatePassword(p: string): string | null {
  return [...p].length >= 5 && [...p].length <= 100 ? null : "setup.errors.passwordLength";
}
