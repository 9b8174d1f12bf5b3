// What only one provider's account has: `Account.settings` is tagged by provider.
import type { Account } from "../bindings/Account";
import type { EpostSettings } from "../bindings/EpostSettings";

/** The E-POST settings of an E-POST account (empty for any other provider). */
export function epostSettings(a: Account): EpostSettings {
  return "epost" in a.settings ? a.settings.epost : { ekp: "", test_email: "" };
}
