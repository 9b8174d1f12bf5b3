// The rules of the "Change administrator contact" fields, checked at the field
// before any call; the core checks them again (core/src/admin.rs).
export { isEmail } from "./setupForm";
import { isEmail } from "./setupForm";

/**
 * A mobile number: optional leading `+`, then digits with blanks, `-`, `/` or
 * brackets, 6 to 20 digits (the API documents no format; same rule as the core).
 */
export function isMobile(s: string): boolean {
  const t = s.trim();
  const body = t.startsWith("+") ? t.slice(1) : t;
  const digits = (body.match(/\d/g) ?? []).length;
  return digits >= 6 && digits <= 20 && /^[\d(][\d\s\-/()]*$/.test(body);
}

/** i18n key of the error, null = fine. */
export const validateNewEmail = (s: string): string | null => (isEmail(s.trim()) ? null : "contact.errors.email");
export const validateNewMobile = (s: string): string | null => (isMobile(s) ? null : "contact.errors.mobile");
export const validateCode = (s: string): string | null => (/^\d{6}$/.test(s.trim()) ? null : "contact.errors.code");
