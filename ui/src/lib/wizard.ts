// The rules of the setup assistant's account step (the same as Setup's, plus
// the company name when a new company is made).
import type { ProviderDescription } from "../bindings/ProviderDescription";
import { isEmail } from "./setupForm";

export type AccountStep = { company: string; ekp: string; testEmail: string };

/** i18n keys of the errors, by field; null = fine. New accounts start in test mode, so the test e-mail is required. */
export function validateAccountStep(v: AccountStep, needsCompany: boolean, d: ProviderDescription) {
  const mail = v.testEmail.trim();
  const ekp = [...v.ekp.trim()].length;
  return {
    company: needsCompany && v.company.trim() === "" ? "setup.errors.companyName" : null,
    ekp: !d.account_id || (ekp >= d.account_id.min && ekp <= d.account_id.max) ? null : "setup.errors.ekp",
    testEmail: mail === "" ? "setup.errors.testEmailMissing" : isEmail(mail) ? null : "setup.errors.testEmail",
  };
}
