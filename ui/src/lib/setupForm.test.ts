import { describe, expect, it } from "vitest";

import type { EpostSetup } from "../bindings/EpostSetup";
import { epostDescription } from "../dev/sample";
import { conflicts, isEmail, readyForPassword, validatePassword, validatePin, validateSetup } from "./setupForm";

const setup = (over: Partial<EpostSetup["epost"] & EpostSetup["prefs"]> = {}, defaults: Partial<EpostSetup["defaults"]> = {}): EpostSetup => {
  const { ekp = "1234567890", test_email = "a@b.de", ...prefs } = over;
  return {
    epost: { ekp, test_email },
    prefs: { save_file_in_joblist: true, show_dialog: false, test_mode: true, show_restricted_area: false, ...prefs },
    defaults: { color: false, duplex: false, registered: "none", cover_letter: false, postage: "standard", channel: "postal", ...defaults },
  };
};
const d = epostDescription();

describe("setup form rules", () => {
  it("EKP has exactly 10 characters", () => {
    expect(validateSetup(setup(), d)["epost.ekp"]).toBeNull();
    expect(validateSetup(setup({ ekp: "123456789" }), d)["epost.ekp"]).toBe("setup.errors.ekp");
    expect(validateSetup(setup({ ekp: "12345678901" }), d)["epost.ekp"]).toBe("setup.errors.ekp");
  });

  it("test e-mail: format always, required in test mode", () => {
    for (const bad of ["x", "a@b", "a b@c.de", "@c.de", "a@@c.de", "a@c..de"]) expect(isEmail(bad)).toBe(false);
    expect(isEmail("clerk@firma.example.de")).toBe(true);
    expect(validateSetup(setup({ test_email: "nope" }), d)["epost.test_email"]).toBe("setup.errors.testEmail");
    expect(validateSetup(setup({ test_email: "" }), d)["epost.test_email"]).toBe("setup.errors.testEmailMissing");
    expect(validateSetup(setup({ test_email: "", test_mode: false }), d)["epost.test_email"]).toBeNull();
  });

  it("duplex and registered letter do not combine", () => {
    expect(conflicts(setup({}, { duplex: true }).defaults, d)).toBe(false);
    expect(conflicts(setup({}, { registered: "einschreiben" }).defaults, d)).toBe(false);
    expect(conflicts(setup({}, { duplex: true, registered: "einwurf_einschreiben" }).defaults, d)).toBe(true);
    expect(validateSetup(setup({}, { duplex: true, registered: "einschreiben_rueckschein" }), d)["defaults.registered"]).toBe("setup.conflict");
  });

  it("Set password needs the setup filled in, but not the secret", () => {
    expect(readyForPassword(setup(), d)).toBe(true);
    expect(readyForPassword(setup({ ekp: "" }), d)).toBe(false);
    expect(readyForPassword(setup({ test_email: "" }), d)).toBe(false);
  });

  it("PIN has 6 digits, password 5–100 characters", () => {
    expect(validatePin("123456")).toBeNull();
    expect(validatePin("12345")).not.toBeNull();
    expect(validatePin("12a456")).not.toBeNull();
    expect(validatePassword("abcd")).not.toBeNull();
    expect(validatePassword("abcde")).toBeNull();
    expect(validatePassword("x".repeat(101))).not.toBeNull();
  });
});
