import { waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Letter } from "../../bindings/Letter";
import type { LetterOverride } from "../../bindings/LetterOverride";
import { ekopostDescription, epostDescription, sampleLetter, sampleStatus } from "../../dev/sample";
import {
  addressProblems,
  costCenterProblem,
  formProblems,
  initialForm,
  nameLines,
  optionProblems,
  referenceProblem,
  toOverrides,
} from "../../lib/sendDialog";
import { openSendDialog } from "../../test/sendDialog";

function letterTo(id: number, file: string, lines: string[], pc: string, city: string, country: string | null): Letter {
  const l = sampleLetter({ id, file_name: file, recipient: lines });
  const a = { lines, postal_code: pc, city, country };
  return { ...l, recipient: a, preflight: { ...l.preflight, address: a } };
}

const bonn = () => letterTo(1, "Mahnung.pdf", ["Erika Mustermann", "Musterstraße 1", "53113 Bonn"], "53113", "Bonn", null);
const wien = () => letterTo(2, "Wien.pdf", ["Max Muster", "Ring 1", "1010 Wien", "ÖSTERREICH"], "1010", "Wien", "AT");
const defaults = { color: false, duplex: false, registered: "none" as const, cover_letter: true, postage: "standard" as const, channel: "postal" as const };
const d = epostDescription();

describe("pre-send dialog rules", () => {
  it("checks the cost centre and the reference like the API", () => {
    expect(costCenterProblem(d, "")).toBeNull();
    expect(costCenterProblem(d, "KST4711")).toBeNull();
    expect(costCenterProblem(d, "12345678")).toBeNull();
    expect(costCenterProblem(d, "123456789")?.key).toBe("costCenter");
    expect(costCenterProblem(d, "KST-1")?.key).toBe("costCenter");
    expect(costCenterProblem(d, "K 1")?.key).toBe("costCenter");
    expect(referenceProblem(d, "x".repeat(80))).toBeNull();
    expect(referenceProblem(d, "x".repeat(81))?.key).toBe("reference");
  });

  it("reads the name lines and pre-fills the form from the letter and the defaults", () => {
    expect(nameLines(bonn().recipient)).toEqual(["Erika Mustermann", "Musterstraße 1"]);
    expect(nameLines(wien().recipient)).toEqual(["Max Muster", "Ring 1"]);
    const one = initialForm(d, [bonn()], defaults);
    expect(one.addresses[1]).toEqual({ lines: "Erika Mustermann\nMusterstraße 1", postal_code: "53113", city: "Bonn", country: "" });
    const batch = initialForm(d, [bonn(), wien()], defaults);
    expect(batch.options).toEqual(defaults);
    expect(batch.addresses[2]!.country).toBe("AT");
  });

  it("checks addresses: German postal codes, line counts, the town", () => {
    expect(addressProblems(d, { lines: "A\nB", postal_code: "53113", city: "Bonn", country: "" })).toEqual({});
    expect(addressProblems(d, { lines: "A", postal_code: "5311", city: "Bonn", country: "" }).postal_code?.key).toBe("postalCodeHome");
    expect(addressProblems(d, { lines: "A", postal_code: "1010", city: "Wien", country: "AT" })).toEqual({});
    expect(addressProblems(d, { lines: "", postal_code: "53113", city: "Bonn", country: "" }).lines?.key).toBe("addressMissing");
    expect(addressProblems(d, { lines: "1\n2\n3\n4\n5", postal_code: "53113", city: "Bonn", country: "" })).toEqual({});
    expect(addressProblems(d, { lines: "1\n2\n3\n4\n5", postal_code: "1010", city: "Wien", country: "AT" }).lines?.key).toBe("addressTooManyAbroad");
    expect(addressProblems(d, { lines: "A", postal_code: "53113", city: " ", country: "" }).city?.key).toBe("city");
  });

  it("refuses duplex with registered, and registered letters abroad", () => {
    const letters = [bonn(), wien()];
    const form = initialForm(d, letters, defaults);
    expect(optionProblems(d, { ...defaults, registered: "einschreiben", duplex: true }, form, letters).registered?.key).toBe("duplexRegistered");
    const abroad = optionProblems(d, { ...defaults, registered: "einschreiben" }, form, letters).registered;
    expect(abroad?.key).toBe("registeredAbroad");
    expect(abroad?.values).toMatchObject({ file: "Wien.pdf", country: "AT" });
    expect(optionProblems(d, { ...defaults, registered: "einschreiben" }, form, [bonn()]).registered).toBeUndefined();
    // Corrected to a German address: allowed.
    form.addresses[2] = { lines: "Max Muster", postal_code: "80331", city: "München", country: "" };
    form.options.registered = "einschreiben";
    expect(formProblems(d, form, letters)).toEqual([]);
  });

  it("holds Ekopost's rek rule (≤ 35 per line, five digits) and its home country", () => {
    const eko = ekopostDescription();
    const anna = letterTo(3, "Faktura.pdf", ["Anna Andersson", "Storgatan 1", "114 55 Stockholm"], "114 55", "Stockholm", null);
    const form = initialForm(eko, [anna], defaults);
    form.options = { ...form.options, registered: "registered" };
    expect(optionProblems(eko, form.options, form, [anna])).toEqual({});
    expect(addressProblems(eko, form.addresses[3]!)).toEqual({});
    form.addresses[3]!.lines = "Anna Andersson med ett mycket långt namn AB\nStorgatan 1";
    const rek = optionProblems(eko, form.options, form, [anna]).registered;
    expect(rek?.key).toBe("registeredRek");
    expect(rek?.values).toMatchObject({ file: "Faktura.pdf", max: 35, digits: 5 });
    // Without rek the long line is fine, and E-POST has no such rule.
    expect(optionProblems(eko, { ...form.options, registered: "none" }, form, [anna])).toEqual({});
    expect(addressProblems(eko, { ...form.addresses[3]!, postal_code: "1145" }).postal_code?.key).toBe("postalCodeHome");
  });

  it("turns the form into per-letter overrides", () => {
    const letters = [bonn(), wien()];
    const form = initialForm(d, letters, defaults);
    form.cost_center = " KST1 ";
    form.reference = "";
    form.options.color = true;
    const o = toOverrides(d, form, letters);
    expect(o).toHaveLength(2);
    expect(o[0]).toEqual({
      id: 1,
      options: { ...defaults, color: true },
      recipient: { lines: ["Erika Mustermann", "Musterstraße 1"], postal_code: "53113", city: "Bonn", country: null },
      cost_center: "KST1",
      reference: null,
    });
    expect(o[1]!.recipient!.country).toBe("AT");
  });
});

describe("pre-send dialog in the Send screen", () => {
  it("opens with the defaults when Show dialog is on, validates, and sends the answers", { timeout: 20_000 }, async () => {
    const status = sampleStatus();
    status.account.prefs.show_dialog = true;
    status.account.defaults = defaults;
    const checked = bonn();
    const letter = { ...checked, options: defaults, preflight: { ...checked.preflight, checked_with_cover_letter: true } };
    const { dialog, sent } = await openSendDialog<{ ids: number[]; overrides: LetterOverride[] | null }>({
      status,
      letter,
      path: "/tmp/Mahnung.pdf",
      queued: () => ({ ...letter, state: "queued" }),
    });
    expect(within(dialog).getByRole("switch", { name: /Cover letter/ })).toBeChecked();
    expect(within(dialog).getByRole("switch", { name: /Colour/ })).not.toBeChecked();
    expect(within(dialog).getByLabelText(/Name and street/)).toHaveValue("Erika Mustermann\nMusterstraße 1");
    expect(within(dialog).getByLabelText("Postal code")).toHaveValue("53113");
    // Checked with the cover letter: switching it off says page 1 is checked again.
    expect(dialog).not.toHaveTextContent(/checked again when you press Send/);
    await userEvent.click(within(dialog).getByRole("switch", { name: /Cover letter/ }));
    expect(dialog).toHaveTextContent(/page 1 must keep the restricted areas free: it is checked again when you press Send/);
    await userEvent.click(within(dialog).getByRole("switch", { name: /Cover letter/ }));
    expect(dialog).not.toHaveTextContent(/checked again when you press Send/);

    const cc = within(dialog).getByLabelText(/Cost centre/);
    await userEvent.type(cc, "KST-1");
    expect(cc).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByTestId("dialog-problem")).toHaveTextContent(/Use at most 8 letters and digits/);
    expect(within(dialog).getByTestId("dialog-send")).toBeDisabled();
    await userEvent.clear(cc);
    await userEvent.type(cc, "KST4711");
    await userEvent.type(within(dialog).getByLabelText(/Reference/), "Akte 17");
    await userEvent.click(within(dialog).getByRole("switch", { name: /Colour/ }));
    expect(within(dialog).getByTestId("dialog-send")).toBeEnabled();
    await userEvent.click(within(dialog).getByTestId("dialog-send"));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.ids).toEqual([1]);
    expect(sent[0]!.overrides).toEqual([
      {
        id: 1,
        options: { ...defaults, color: true },
        recipient: { lines: ["Erika Mustermann", "Musterstraße 1"], postal_code: "53113", city: "Bonn", country: null },
        cost_center: "KST4711",
        reference: "Akte 17",
      },
    ]);
  });
});
