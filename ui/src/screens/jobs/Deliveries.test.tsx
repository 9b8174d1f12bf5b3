import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { AppStatus } from "../../bindings/AppStatus";
import type { Delivery } from "../../bindings/Delivery";
import type { Letter } from "../../bindings/Letter";
import { sampleEasypostStatus, sampleLetter, sampleStatus } from "../../dev/sample";
import i18n from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { renderApp } from "../../test/render";
import { DELIVERIES_REFRESH_MS, deliveryStatusText } from "./Deliveries";

const delivery = (over: Partial<Delivery> & { id: string }): Delivery => ({
  state: "sent",
  provider_status: "DELIVERED",
  channel: "POSTAL_MAIL",
  recipient: "Dupont SRL",
  started_at: "2025-03-12T09:30:00Z",
  modified_at: "2025-03-13T11:00:00Z",
  resend_of: null,
  can_resend: false,
  files: [],
  error_code: null,
  error_message: null,
  ...over,
});

/** A letter of the EasyPost company (account 5) that EasyPost has. */
function easypostLetter(over: Partial<Letter> = {}): Letter {
  return { ...sampleLetter({ id: 7, file_name: "Facture-7.pdf", state: "sent", provider_id: "job_7" }), account_id: 5, company_id: 5, ...over };
}

type Call = { cmd: string; args: Record<string, unknown> };

/** The app on Jobs with one letter; `deliveries` answers `letter_deliveries` (and `resend_delivery`), `extra` the rest. */
function backend(status: AppStatus, letter: Letter, deliveries: () => Delivery[], extra: (cmd: string, args: Record<string, unknown>) => unknown = () => null) {
  const calls: Call[] = [];
  mockWindows("main");
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: a });
      if (cmd === "app_status") return status;
      if (cmd === "list_jobs") return [letter];
      if (cmd === "letter_deliveries") return deliveries();
      return extra(cmd, a);
    },
    { shouldMockEvents: true },
  );
  renderApp("jobs");
  return calls;
}

async function openDrawer() {
  await userEvent.click(await screen.findByRole("row", { name: "Open details of Facture-7.pdf" }));
  return screen.findByRole("dialog");
}

describe("the job drawer's deliveries", () => {
  it("lists each delivery in the clerk's words: recipient, channel, status, dates, re-send mark and error", async () => {
    const calls = backend(sampleEasypostStatus(), easypostLetter(), () => [
      delivery({ id: "d1", files: [{ reference: "epod-1", kind: "proof_of_delivery" }, { reference: "rep-1", kind: "submission_report" }] }),
      delivery({ id: "d2", state: "printing", provider_status: "PROCESSING", channel: "REGISTERED_MAIL", recipient: "Jan Peeters" }),
      delivery({ id: "d3", state: "failed", provider_status: "FAILED", channel: "EBOX", recipient: "Marie Claes", resend_of: "d0", error_code: "EBOX_NOT_FOUND", error_message: "No eBox for this enterprise number" }),
      delivery({ id: "d4", state: "accepted", provider_status: "QUEUED_SOMEWHERE", channel: "CARRIER_PIGEON" }),
    ]);
    const drawer = await openDrawer();
    const section = await within(drawer).findByTestId("job-deliveries");
    expect(within(section).getByRole("heading", { name: "Deliveries" })).toBeInTheDocument();

    const d1 = await within(section).findByTestId("delivery-d1");
    expect(d1).toHaveAttribute("data-state", "sent");
    expect(d1).toHaveAttribute("data-status", "DELIVERED");
    expect(d1).toHaveTextContent("Dupont SRL");
    expect(d1).toHaveTextContent("Delivered");
    expect(d1).toHaveTextContent("Printed and posted");
    expect(d1).toHaveTextContent(`Started ${formatDateTime("2025-03-12T09:30:00Z")} · last change ${formatDateTime("2025-03-13T11:00:00Z")}`);

    const d2 = within(section).getByTestId("delivery-d2");
    expect(d2).toHaveAttribute("data-state", "printing");
    expect(within(d2).getByTestId("delivery-status-d2")).toHaveTextContent("Being prepared");
    expect(d2).toHaveTextContent("Registered letter");
    expect(d2).toHaveTextContent("Jan Peeters");

    const d3 = within(section).getByTestId("delivery-d3");
    expect(within(d3).getByTestId("delivery-status-d3")).toHaveTextContent("Failed");
    expect(d3).toHaveTextContent("eBox (digital mailbox)");
    expect(within(d3).getByTestId("delivery-resend-of-d3")).toHaveTextContent("Re-send of d0");
    expect(within(d3).getByTestId("delivery-error-d3")).toHaveTextContent("EBOX_NOT_FOUND");
    expect(within(d3).getByTestId("delivery-error-d3")).toHaveTextContent("No eBox for this enterprise number");

    // A status the window has no words for: the general state's; a channel likewise as EasyPost names it.
    const d4 = within(section).getByTestId("delivery-d4");
    expect(within(d4).getByTestId("delivery-status-d4")).toHaveTextContent("Accepted");
    expect(d4).toHaveTextContent("CARRIER_PIGEON");

    expect(calls.filter((c) => c.cmd === "letter_deliveries").map((c) => c.args)).toEqual([{ id: 7 }]);
  });

  it("offers the proof of delivery and the report only where listed, and shows the saved path", async () => {
    const calls = backend(
      sampleEasypostStatus(),
      easypostLetter(),
      () => [
        delivery({ id: "d1", files: [{ reference: "epod-1", kind: "proof_of_delivery" }] }),
        delivery({ id: "d2", files: [{ reference: "rep-2", kind: "submission_report" }] }),
      ],
      (cmd, a) => (cmd === "open_delivery_file" ? `/data/deliveries/7-${a.deliveryId as string}-${a.reference as string}.pdf` : null),
    );
    const drawer = await openDrawer();
    await within(drawer).findByTestId("delivery-d1");
    expect(within(drawer).getByTestId("delivery-epod-d1")).toHaveTextContent("Download proof of delivery (ePod)");
    expect(within(drawer).queryByTestId("delivery-report-d1")).toBeNull();
    expect(within(drawer).queryByTestId("delivery-epod-d2")).toBeNull();
    expect(within(drawer).getByTestId("delivery-report-d2")).toHaveTextContent("Submission report");
    expect(within(drawer).queryByTestId("delivery-resend-d1")).toBeNull();

    await userEvent.click(within(drawer).getByTestId("delivery-epod-d1"));
    await waitFor(() => expect(within(drawer).getByTestId("delivery-opened-d1")).toHaveTextContent("/data/deliveries/7-d1-epod-1.pdf"));
    expect(calls.find((c) => c.cmd === "open_delivery_file")?.args).toEqual({ id: 7, deliveryId: "d1", reference: "epod-1" });
  });

  it("sends again only when allowed and only after the clerk confirms the new print, post and charge", { timeout: 20_000 }, async () => {
    let list = [delivery({ id: "d1", can_resend: true }), delivery({ id: "d2", state: "printing", provider_status: "PRINTED" })];
    const calls = backend(sampleEasypostStatus(), easypostLetter(), () => list, (cmd) => {
      if (cmd !== "resend_delivery") return null;
      list = [{ ...list[0]!, can_resend: false }, list[1]!, delivery({ id: "d9", state: "submitted", provider_status: "CREATED", resend_of: "d1" })];
      return list;
    });
    const drawer = await openDrawer();
    await within(drawer).findByTestId("delivery-d1");
    expect(within(drawer).queryByTestId("delivery-resend-d2")).toBeNull();

    // Asked, and kept: nothing is sent.
    await userEvent.click(within(drawer).getByTestId("delivery-resend-d1"));
    let question = await screen.findByRole("dialog", { name: "Send this letter again?" });
    expect(question).toHaveTextContent("The letter to Dupont SRL will be printed and posted again");
    expect(question).toHaveTextContent("charges it again");
    await userEvent.click(within(question).getByRole("button", { name: "Don’t send" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Send this letter again?" })).toBeNull());
    expect(calls.some((c) => c.cmd === "resend_delivery")).toBe(false);

    // Asked, and confirmed: sent once, and the list after it is shown.
    await userEvent.click(within(drawer).getByTestId("delivery-resend-d1"));
    question = await screen.findByRole("dialog", { name: "Send this letter again?" });
    await userEvent.click(within(question).getByTestId("delivery-resend-confirm"));
    await waitFor(() => expect(within(drawer).getByTestId("delivery-d9")).toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "resend_delivery").map((c) => c.args)).toEqual([{ id: 7, deliveryId: "d1" }]);
    expect(within(drawer).getByTestId("delivery-d9")).toHaveTextContent("Received");
    expect(within(drawer).getByTestId("delivery-resend-of-d9")).toHaveTextContent("Re-send of d1");
    expect(within(drawer).queryByTestId("delivery-resend-d1")).toBeNull();
  });

  it("words a refusal by its code, and a list that could not be read, with a retry", async () => {
    let fail = true;
    backend(
      sampleEasypostStatus(),
      easypostLetter(),
      () => {
        if (fail) throw { code: "easypost_service_down", message: "EasyPost Connect is down", details: "HTTP 503" };
        return [delivery({ id: "d1", files: [{ reference: "epod-1", kind: "proof_of_delivery" }] })];
      },
      (cmd) => {
        if (cmd === "open_delivery_file") throw { code: "delivery_file_not_ready", message: "English from the core", details: null };
        return null;
      },
    );
    const drawer = await openDrawer();
    const section = await within(drawer).findByTestId("job-deliveries");
    const notice = await within(section).findByTestId("error-notice");
    fail = false;
    await userEvent.click(within(notice).getByRole("button", { name: "Try again" }));
    await within(section).findByTestId("delivery-d1");
    expect(within(section).queryByTestId("error-notice")).toBeNull();

    await userEvent.click(within(section).getByTestId("delivery-epod-d1"));
    const row = within(section).getByTestId("delivery-d1");
    await waitFor(() =>
      expect(within(row).getByTestId("error-message")).toHaveTextContent("The provider has not made this file yet. Try again once the delivery lists it."),
    );
    expect(row).not.toHaveTextContent("English from the core");
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("asks again every 10 seconds while a delivery is on its way, and stops once all are final", async () => {
    // The section's timers, seen through the real ones: which 10-second timers run, and their ticks on demand.
    const ticking = new Map<number, () => void>();
    const realSet = window.setInterval.bind(window);
    const realClear = window.clearInterval.bind(window);
    vi.spyOn(window, "setInterval").mockImplementation(((fn: () => void, ms?: number) => {
      if (ms !== DELIVERIES_REFRESH_MS) return realSet(fn, ms);
      const id = realSet(() => {}, 1_000_000);
      ticking.set(id, fn);
      return id;
    }) as typeof window.setInterval);
    vi.spyOn(window, "clearInterval").mockImplementation((id?: number) => {
      if (id !== undefined) ticking.delete(id);
      realClear(id);
    });
    const tick = () => act(async () => ticking.forEach((fn) => fn()));

    let list = [delivery({ id: "d1", state: "printing", provider_status: "PROCESSING" })];
    const calls = backend(sampleEasypostStatus(), easypostLetter({ state: "printing" }), () => list);
    const drawer = await openDrawer();
    await within(drawer).findByTestId("delivery-d1");
    const asked = () => calls.filter((c) => c.cmd === "letter_deliveries").length;
    expect(asked()).toBe(1);
    await waitFor(() => expect(ticking.size).toBe(1));

    list = [delivery({ id: "d1", state: "sent", provider_status: "SENT" })];
    await tick();
    await waitFor(() => expect(within(drawer).getByTestId("delivery-d1")).toHaveAttribute("data-status", "SENT"));
    expect(asked()).toBe(2);
    expect(within(drawer).getByTestId("delivery-status-d1")).toHaveTextContent("Posted");
    // All final: no timer asks any more.
    await waitFor(() => expect(ticking.size).toBe(0));
  });

  it("asks again when the letter moves on", async () => {
    const letter = easypostLetter({ state: "printing" });
    const calls = backend(sampleEasypostStatus(), letter, () => [delivery({ id: "d1", state: "printing", provider_status: "PRINTED" })]);
    const drawer = await openDrawer();
    await within(drawer).findByTestId("delivery-d1");
    const asked = () => calls.filter((c) => c.cmd === "letter_deliveries").length;
    expect(asked()).toBe(1);
    await act(() => emit("jobs-changed", { ...letter, state: "sent", provider_status: "SENT" }));
    await waitFor(() => expect(asked()).toBe(2));
  });

  it("is not there for a provider without deliveries", async () => {
    const calls = backend(sampleStatus(), { ...easypostLetter(), account_id: 1, company_id: 1 }, () => []);
    let drawer = await openDrawer();
    expect(within(drawer).queryByTestId("job-deliveries")).toBeNull();
    await userEvent.click(within(drawer).getByRole("button", { name: "Close" }));
    expect(calls.some((c) => c.cmd === "letter_deliveries")).toBe(false);
  });

  it("is not asked for a letter the provider does not have yet", async () => {
    const calls = backend(sampleEasypostStatus(), easypostLetter({ state: "queued", provider_id: null }), () => []);
    const drawer = await openDrawer();
    expect(within(drawer).getByTestId("job-state-explained")).toBeInTheDocument();
    expect(within(drawer).queryByTestId("job-deliveries")).toBeNull();
    expect(calls.some((c) => c.cmd === "letter_deliveries")).toBe(false);
  });

  it("has words for every EasyPost status in every language", () => {
    for (const lang of ["en", "de", "sv", "nb", "fi", "nl", "fr"]) {
      const t = i18n.getFixedT(lang);
      for (const s of ["CREATED", "PROCESSING", "PRINTED", "SENT", "DELIVERED", "FAILED", "CANCELLED"]) {
        const text = deliveryStatusText(t, delivery({ id: "x", provider_status: s }), "easypost");
        expect(text, `${lang} ${s}`).not.toContain("deliveries.");
      }
    }
    expect(deliveryStatusText(i18n.getFixedT("fr"), delivery({ id: "x", provider_status: "DELIVERED" }), "easypost")).toBe("Distribuée");
    expect(deliveryStatusText(i18n.getFixedT("nl"), delivery({ id: "x", provider_status: "SENT" }), "easypost")).toBe("Gepost");
  });
});
