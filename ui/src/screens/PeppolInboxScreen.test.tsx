import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { EasypostPeppolDocument } from "../bindings/EasypostPeppolDocument";
import type { EasypostUsage } from "../bindings/EasypostUsage";
import type { PeppolListQuery } from "../bindings/PeppolListQuery";
import { sampleEasypostStatus, sampleStatus } from "../dev/sample";
import i18n from "../i18n";
import { renderApp } from "../test/render";
import { euros, monthKey, monthOptions } from "../providers/easypost/EasypostUsage";

const doc = (n: number, over: Partial<EasypostPeppolDocument> = {}): EasypostPeppolDocument => ({
  id: `pd_${n}`,
  senderId: "0208:0403170701",
  senderName: "Proximus NV",
  documentType: "INVOICE",
  documentNumber: `INV-2026-${4700 + n}`,
  createdAt: `2026-11-${String(10 + n).padStart(2, "0")}T09:00:00Z`,
  lastModifiedAt: `2026-11-${String(10 + n).padStart(2, "0")}T09:00:00Z`,
  ...over,
});

type Call = { cmd: string; args: Record<string, unknown> };

function backend(opts: { unseen?: number; docs?: EasypostPeppolDocument[]; usage?: EasypostUsage; status?: ReturnType<typeof sampleStatus> } = {}) {
  const calls: Call[] = [];
  let unseen = opts.unseen ?? 0;
  const docs = opts.docs ?? [doc(1), doc(2, { documentType: "CREDIT_NOTE", documentNumber: "CN-2026-4702", senderName: "Engie Electrabel NV", senderId: "0208:0202239951" })];
  mockWindows("main");
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    switch (cmd) {
      case "app_status":
        return opts.status ?? sampleEasypostStatus({ workflow_id: "wf_1", workflow_name: "Letters", workflow_channels: ["POSTAL_MAIL"] }, true);
      case "wizard_pending":
        return false;
      case "list_drafts":
      case "list_jobs":
        return [];
      case "peppol_unseen":
        return unseen;
      case "peppol_mark_seen":
        unseen = 0;
        return null;
      case "peppol_documents": {
        const q = a.query as PeppolListQuery;
        if (q.from === "2026-12-05" && q.until === "2026-12-01") throw { code: "peppol_date_range", message: "The first day is after the last day.", details: null };
        // Pages of two: the first page, then what comes after `after`.
        const start = q.after ? docs.findIndex((d) => d.id === q.after) + 1 : 0;
        const items = docs.slice(start, start + 2);
        return { items, next_after: start + 2 < docs.length ? items.at(-1)!.id : null };
      }
      case "open_peppol_document":
        return `/data/peppol/${String(a.senderId).replace(":", "_")}_${String(a.id)}.xml`;
      case "easypost_usage":
        return opts.usage ?? { from: "2026-12-01", until: "2026-12-31", items: [] };
      default:
        return null;
    }
  });
  return { calls, of: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args) };
}

describe("Peppol inbox", () => {
  it("is in the navigation only for an EasyPost company, with a badge of new documents", { timeout: 20_000 }, async () => {
    backend({ unseen: 3, status: sampleStatus() });
    const { unmount } = renderApp("send");
    await screen.findByTestId("nav-send");
    expect(screen.queryByTestId("nav-peppol")).not.toBeInTheDocument();
    unmount();

    backend({ unseen: 120 });
    renderApp("send");
    const nav = await screen.findByTestId("nav-peppol");
    expect(nav).toHaveTextContent("Peppol inbox");
    expect(await screen.findByTestId("nav-peppol-badge")).toHaveTextContent("99+");
  });

  it("lists documents, marks them seen, pages, sorts, filters and opens one", { timeout: 20_000 }, async () => {
    const b = backend({ unseen: 2, docs: [doc(1), doc(2, { documentType: "CREDIT_NOTE", documentNumber: "CN-2026-4702" }), doc(3, { documentType: "SELF_BILLING", documentNumber: undefined })] });
    renderApp("send");
    expect(await screen.findByTestId("nav-peppol-badge")).toHaveTextContent("2");
    await userEvent.click(screen.getByTestId("nav-peppol"));

    const table = await screen.findByTestId("peppol-table");
    expect(within(table).getAllByRole("row")).toHaveLength(3); // header + first page of two
    const row = screen.getByTestId("peppol-row-pd_2");
    expect(row).toHaveTextContent("Proximus NV");
    expect(row).toHaveTextContent("0208:0403170701");
    expect(row).toHaveTextContent("Credit note");
    expect(row).toHaveTextContent("CN-2026-4702");
    // Opened: seen, and the badge is gone.
    await waitFor(() => expect(b.of("peppol_mark_seen")).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId("nav-peppol-badge")).not.toBeInTheDocument());
    expect(b.of("peppol_documents")[0]!.query).toMatchObject({ sort_field: "created_at", sort_order: "desc" });
    expect(b.of("peppol_documents")[0]!.query).not.toHaveProperty("from");

    // The next page after the last id; an unknown type is shown as EasyPost names it.
    await userEvent.click(screen.getByTestId("peppol-more"));
    expect(await screen.findByTestId("peppol-row-pd_3")).toHaveTextContent("SELF_BILLING");
    expect(b.of("peppol_documents")[1]!.query).toMatchObject({ after: "pd_2" });
    expect(screen.queryByTestId("peppol-more")).not.toBeInTheDocument();

    // Sort by last change, oldest first, within days.
    await userEvent.selectOptions(screen.getByTestId("peppol-sort-field"), "last_modified_at");
    await userEvent.selectOptions(screen.getByTestId("peppol-sort-order"), "asc");
    fireEvent.change(screen.getByTestId("peppol-from"), { target: { value: "2026-11-01" } });
    fireEvent.change(screen.getByTestId("peppol-until"), { target: { value: "2026-11-30" } });
    await userEvent.click(screen.getByTestId("peppol-apply"));
    await waitFor(() => expect(b.of("peppol_documents")).toHaveLength(3));
    const q = b.of("peppol_documents")[2]!.query as PeppolListQuery;
    expect(q).toMatchObject({ sort_field: "last_modified_at", sort_order: "asc", from: "2026-11-01", until: "2026-11-30" });
    expect(typeof q.utc_offset_minutes).toBe("number");
    expect(q).not.toHaveProperty("after");

    // Open: the path it was saved under is shown.
    await userEvent.click(await screen.findByRole("button", { name: "Open Invoice INV-2026-4701 from Proximus NV" }));
    expect(b.of("open_peppol_document").at(-1)).toEqual({ senderId: "0208:0403170701", id: "pd_1" });
    expect(await screen.findByTestId("peppol-saved")).toHaveTextContent("/data/peppol/0208_0403170701_pd_1.xml");
  });

  it("says why days are refused, in the clerk's words, and what an empty period means", async () => {
    backend({ docs: [] });
    renderApp("peppol");
    expect(await screen.findByTestId("peppol-empty")).toHaveTextContent("No Peppol documents have arrived yet.");
    fireEvent.change(screen.getByTestId("peppol-from"), { target: { value: "2026-12-05" } });
    fireEvent.change(screen.getByTestId("peppol-until"), { target: { value: "2026-12-01" } });
    await userEvent.click(screen.getByTestId("peppol-apply"));
    expect(await screen.findByText("The first day is after the last day. Swap the two days, or correct one of them.")).toBeInTheDocument();
  });

  it("speaks French and Dutch", async () => {
    backend();
    await act(() => i18n.changeLanguage("fr"));
    try {
      renderApp("peppol");
      expect(await screen.findByTestId("nav-peppol")).toHaveTextContent("Boîte Peppol");
      expect(await screen.findByTestId("peppol-row-pd_2")).toHaveTextContent("Note de crédit");
      expect(screen.getByTestId("peppol-apply")).toHaveTextContent("Afficher");
    } finally {
      await act(() => i18n.changeLanguage("en"));
    }
    expect(i18n.getFixedT("nl")("peppol.types.CREDIT_NOTE")).toBe("Creditnota");
  });
});

describe("EasyPost usage", () => {
  it("shows a month's usage per channel with amounts in euro", async () => {
    const b = backend({
      usage: {
        from: "2026-12-01",
        until: "2026-12-31",
        items: [
          { channel: "POSTAL_MAIL", sendings: 12, pages: 30, amountCents: 1500 },
          { channel: "REGISTERED_MAIL", sendings: 1, pages: 2, amountCents: 904 },
        ],
      },
    });
    renderApp("setup");
    const table = await screen.findByTestId("easypost-usage-table");
    expect(within(table).getByTestId("easypost-usage-POSTAL_MAIL")).toHaveTextContent("Printed and posted");
    expect(within(table).getByTestId("easypost-usage-POSTAL_MAIL")).toHaveTextContent(euros(1500, "en"));
    expect(within(table).getByTestId("easypost-usage-total")).toHaveTextContent(euros(2404, "en"));
    const select = screen.getByTestId("easypost-usage-month") as HTMLSelectElement;
    expect(select.value).toBe(monthKey(new Date()));
    expect(b.of("easypost_usage")[0]).toEqual({ month: monthKey(new Date()) });
    const previous = monthOptions(new Date(), "en")[1]!.value;
    await userEvent.selectOptions(select, previous);
    await waitFor(() => expect(b.of("easypost_usage").at(-1)).toEqual({ month: previous }));
  });

  it("is asked again each time Setup comes back into view (letters sent meanwhile count)", async () => {
    const b = backend();
    renderApp("setup");
    await screen.findByTestId("easypost-usage");
    await waitFor(() => expect(b.of("easypost_usage")).toHaveLength(1));
    await userEvent.click(screen.getByTestId("nav-jobs"));
    await userEvent.click(screen.getByTestId("nav-setup"));
    await waitFor(() => expect(b.of("easypost_usage")).toHaveLength(2));
    expect(b.of("easypost_usage")[1]).toEqual({ month: monthKey(new Date()) });
  });

  it("is not asked for before the account has a key", async () => {
    const b = backend({ status: sampleEasypostStatus({}, false) });
    renderApp("setup");
    await screen.findByTestId("easypost-key");
    expect(screen.queryByTestId("easypost-usage")).not.toBeInTheDocument();
    expect(b.of("easypost_usage")).toEqual([]);
  });

  it("names months and amounts in the clerk's language", () => {
    const months = monthOptions(new Date(2026, 0, 15), "fr");
    expect(months[0]).toEqual({ value: "2026-01", label: "janvier 2026" });
    expect(months[1]!.value).toBe("2025-12");
    expect(months).toHaveLength(24);
    expect(euros(123456, "nl").replace(/\s/g, " ")).toBe("€ 1.234,56");
    expect(euros(123456, "fr").replace(/\s/g, " ")).toBe("1 234,56 €");
  });
});
