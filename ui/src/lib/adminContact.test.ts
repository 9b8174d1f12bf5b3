import { describe, expect, it } from "vitest";

import { isMobile, validateCode, validateNewEmail, validateNewMobile } from "./adminContact";
import { epostDescription } from "../dev/sample";
import { validateAccountStep } from "./wizard";

describe("admin contact fields", () => {
  it("accepts mobile numbers as the core does", () => {
    for (const ok of ["+49 170 1234567", "0170/1234567", "+49 (0)170-123 45 67", "017012345678"]) expect(isMobile(ok), ok).toBe(true);
    for (const bad of ["", "12345", "+49 170 abc", "++49 170 1234567", "-170 1234567", "1234567890123456789012"]) expect(isMobile(bad), bad).toBe(false);
  });

  it("names the error of each field", () => {
    expect(validateNewEmail("neu@firma.de")).toBeNull();
    expect(validateNewEmail("neu@firma")).toBe("contact.errors.email");
    expect(validateNewMobile("+49 171 2345678")).toBeNull();
    expect(validateNewMobile("0171")).toBe("contact.errors.mobile");
    expect(validateCode(" 123456 ")).toBeNull();
    expect(validateCode("12345")).toBe("contact.errors.code");
    expect(validateCode("12a456")).toBe("contact.errors.code");
  });
});

describe("setup assistant, account step", () => {
  it("needs a 10-character EKP, a test e-mail and, for a new company, its name", () => {
    expect(validateAccountStep({ company: "ACME", ekp: "1234567890", testEmail: "t@acme.de" }, true, epostDescription())).toEqual({ company: null, ekp: null, testEmail: null });
    const e = validateAccountStep({ company: " ", ekp: "123456789", testEmail: "" }, true, epostDescription());
    expect(e).toEqual({ company: "setup.errors.companyName", ekp: "setup.errors.ekp", testEmail: "setup.errors.testEmailMissing" });
    expect(validateAccountStep({ company: "", ekp: "12345678901", testEmail: "x" }, false, epostDescription())).toEqual({ company: null, ekp: "setup.errors.ekp", testEmail: "setup.errors.testEmail" });
  });
});
