import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Letter } from "./bindings/Letter";
import { errorFinding, sampleLetter, sampleRules, sampleStatus, warningFinding } from "./dev/sample";
import { renderApp } from "./test/render";

/** A fake backend with a desk of drafts that `add_files` fills from the given letters. */
function backend(toAdd: Letter[], duplicates = new Set<number>()) {
  let drafts: Letter[] = [];
  const calls: { cmd: string; args: unknown }[] = [];
  mockWindows("main");
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      switch (cmd) {
        case "app_status":
          return sampleStatus();
        case "provider_rules":
          return sampleRules();
        case "list_drafts":
          return drafts;
        case "add_files":
          drafts = [...drafts, ...toAdd];
          return toAdd;
        case "render_page":
          return new Uint8Array([137, 80, 78, 71]).buffer;
        case "send_letters_checked": {
          const { ids, allowDuplicate } = args as { ids: number[]; allowDuplicate: boolean };
          const picked = drafts.filter((d) => ids.includes(d.id));
          const held = allowDuplicate ? [] : picked.filter((d) => duplicates.has(d.id));
          const sent = picked.filter((d) => !held.includes(d)).map((d) => ({ ...d, state: "queued" as const }));
          drafts = drafts.filter((d) => !sent.some((q) => q.id === d.id));
          void emit("drafts-changed", null);
          const skipped = held.map((letter) => ({
            letter,
            existing_id: 99,
            existing_state: "sent" as const,
            existing_at: "2025-03-12T08:55:00Z",
            reason: "The same PDF was sent within the last hour (letter 99); not sent again.",
          }));
          return { queued: sent, skipped };
        }
        case "remove_draft": {
          const id = (args as { id: number }).id;
          drafts = drafts.filter((d) => d.id !== id);
          return null;
        }
        case "outbox_progress":
          return { paused: false, batches: [] };
        case "pause_outbox":
          return { paused: true, batches: [] };
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls };
}

async function dropFiles(paths: string[]) {
  // What Tauri emits to the window when files are dropped on it.
  await act(async () => {
    await emit("tauri://drag-enter", { paths, position: { x: 10, y: 10 } });
    await emit("tauri://drag-drop", { paths, position: { x: 10, y: 10 } });
  });
}

describe("Send screen", () => {
  it("shows a dropped letter with its verdict and sends it", async () => {
    const letter = sampleLetter({ id: 7, file_name: "Invoice-1.pdf", recipient: ["Weber Bau GmbH", "Industriestraße 12"], pages: 2 });
    const { calls } = backend([letter]);
    renderApp("send");

    expect(await screen.findByTestId("dropzone")).toHaveTextContent("Drop PDFs here");
    await waitFor(() => expect(calls.some((c) => c.cmd === "plugin:event|listen" || c.cmd === "list_drafts")).toBe(true));
    await dropFiles(["/tmp/Invoice-1.pdf"]);

    const row = await screen.findByTestId("letter-row");
    expect(row).toHaveTextContent("Invoice-1.pdf");
    expect(row).toHaveTextContent("Weber Bau GmbH");
    expect(row).toHaveTextContent("2 pages");
    expect(within(row).getByTestId("verdict")).toHaveTextContent("✓Ready");
    expect(calls.find((c) => c.cmd === "add_files")?.args).toEqual({ paths: ["/tmp/Invoice-1.pdf"] });

    expect(await screen.findByTestId("preview-image")).toHaveAttribute("src", expect.stringMatching(/^blob:/));
    expect(calls.find((c) => c.cmd === "render_page")?.args).toMatchObject({ id: 7, page: 0 });

    const send = screen.getByTestId("send-button");
    expect(send).toBeEnabled();
    expect(send).toHaveTextContent("Send 1 letter");

    await userEvent.click(send);
    expect(await screen.findByText("1 letter queued")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "send_letters_checked")?.args).toEqual({ ids: [7], allowDuplicate: false });
    await waitFor(() => expect(screen.queryByTestId("letter-row")).not.toBeInTheDocument());
    expect(screen.getByTestId("dropzone")).toBeInTheDocument();
  });

  it("disables Send while a letter has an error, and says which and why", async () => {
    const ok = sampleLetter({ id: 1, file_name: "Fine.pdf" });
    const warned = sampleLetter({ id: 2, file_name: "Font.pdf", findings: [warningFinding] });
    const bad = sampleLetter({ id: 3, file_name: "Logo-in-band.pdf", findings: [errorFinding] });
    backend([ok, warned, bad]);
    renderApp("send");
    await screen.findByTestId("dropzone");
    await dropFiles(["/tmp/Fine.pdf", "/tmp/Font.pdf", "/tmp/Logo-in-band.pdf"]);

    const rows = await screen.findAllByTestId("letter-row");
    expect(rows.map((r) => within(r).getByTestId("verdict").textContent)).toEqual(["✓Ready", "⚠Check", "✖Error"]);

    const send = screen.getByTestId("send-button");
    expect(send).toBeDisabled();
    expect(send).toHaveTextContent("Send 3 letters");
    expect(screen.getByTestId("send-blocked-reason")).toHaveTextContent(
      "“Logo-in-band.pdf” can’t be sent: Something is printed in the area “Franking and machine-readable zone”, which must stay empty.",
    );

    // Removing the letter with the error makes the batch sendable.
    await userEvent.click(screen.getByRole("button", { name: "Remove Logo-in-band.pdf" }));
    await waitFor(() => expect(screen.getByTestId("send-button")).toBeEnabled());
    expect(screen.getByTestId("send-button")).toHaveTextContent("Send 2 letters");
  });

  it("marks the zone a finding points at in the preview", async () => {
    backend([sampleLetter({ id: 3, file_name: "Logo-in-band.pdf", findings: [errorFinding] })]);
    renderApp("send");
    await screen.findByTestId("dropzone");
    await dropFiles(["/tmp/Logo-in-band.pdf"]);

    const overlay = await screen.findByTestId("zones-overlay");
    const rects = within(overlay as unknown as HTMLElement).getAllByTestId("zone-rect");
    expect(rects.map((r) => r.getAttribute("data-zone"))).toEqual(["address_window", "franking", "left_margin"]);
    expect(rects.filter((r) => r.hasAttribute("data-problem")).map((r) => r.getAttribute("data-zone"))).toEqual(["franking"]);

    expect(screen.getAllByTestId("ink-mark")).toHaveLength(1);

    // Zones off: the areas go, the red outline of the ink stays.
    await userEvent.click(screen.getByTestId("zone-toggle"));
    expect(screen.queryAllByTestId("zone-rect")).toHaveLength(0);
    expect(screen.getAllByTestId("ink-mark")).toHaveLength(1);
  });

  it("asks before sending a PDF that was already sent: send again anyway", async () => {
    const fresh = sampleLetter({ id: 1, file_name: "New.pdf" });
    const again = sampleLetter({ id: 2, file_name: "Invoice-0398.pdf" });
    const { calls } = backend([fresh, again], new Set([2]));
    renderApp("send");
    expect(await screen.findByTestId("dropzone")).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.cmd === "plugin:event|listen" || c.cmd === "list_drafts")).toBe(true));
    await dropFiles(["/tmp/New.pdf", "/tmp/Invoice-0398.pdf"]);
    await waitFor(() => expect(screen.getAllByTestId("letter-row")).toHaveLength(2));
    await userEvent.click(screen.getByTestId("send-button"));
    const question = await screen.findByTestId("duplicate-question");
    expect(within(question).getByText("Invoice-0398.pdf")).toBeInTheDocument();
    expect(within(question).getByText(/already sent on/)).toBeInTheDocument();
    await userEvent.click(within(question).getByTestId("duplicate-send-again"));
    expect(await screen.findByText("2 letters queued")).toBeInTheDocument();
    const sends = calls.filter((c) => c.cmd === "send_letters_checked").map((c) => c.args);
    expect(sends).toEqual([{ ids: [1, 2], allowDuplicate: false }, { ids: [2], allowDuplicate: true }]);
  });

  it("asks before sending a PDF that was already sent: skip removes it from the desk", async () => {
    const again = sampleLetter({ id: 2, file_name: "Invoice-0398.pdf" });
    const { calls } = backend([again], new Set([2]));
    renderApp("send");
    expect(await screen.findByTestId("dropzone")).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.cmd === "plugin:event|listen" || c.cmd === "list_drafts")).toBe(true));
    await dropFiles(["/tmp/Invoice-0398.pdf"]);
    await waitFor(() => expect(screen.getAllByTestId("letter-row")).toHaveLength(1));
    await userEvent.click(screen.getByTestId("send-button"));
    await userEvent.click(await screen.findByTestId("duplicate-skip"));
    expect(await screen.findByText(/1 letter skipped/)).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "send_letters_checked")).toHaveLength(1);
    expect(calls.find((c) => c.cmd === "remove_draft")?.args).toEqual({ id: 2 });
  });

  it("shows a batch's progress from events, pauses, and announces the end", async () => {
    const { calls } = backend([]);
    renderApp();
    const batch = { id: 5, company_id: 1, started_at: "2025-03-12T08:55:00Z", total: 200, queued: 150, retrying: 0, sending: 4, sent: 44, failed: 2, cancelled: 0, done: false };
    await waitFor(() => expect(calls.some((c) => c.cmd === "outbox_progress")).toBe(true));
    await act(async () => {
      await emit("outbox-progress", { paused: false, batches: [batch] });
    });
    const panel = await screen.findByTestId("outbox-panel");
    expect(within(panel).getByText("Sending 200 letters")).toBeInTheDocument();
    expect(within(panel).getByTestId("outbox-count-sent")).toHaveAttribute("data-count", "44");
    await userEvent.click(within(panel).getByTestId("outbox-pause"));
    expect(await screen.findByTestId("outbox-paused")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "pause_outbox")).toBe(true);
    await act(async () => {
      await emit("outbox-progress", { paused: false, batches: [{ ...batch, queued: 0, sending: 0, sent: 198, done: true }] });
    });
    expect(await screen.findByText("Batch of 200 letters finished")).toBeInTheDocument();
    expect(screen.getByText("Done: 200 letters")).toBeInTheDocument();
  });

  it("shows how far checking a big drop has got", async () => {
    const toAdd = Array.from({ length: 3 }, (_, i) => sampleLetter({ id: 20 + i, file_name: `b-${i}.pdf` }));
    let finish: (l: Letter[]) => void = () => {};
    const calls: { cmd: string }[] = [];
    mockWindows("main");
    mockIPC(
      (cmd) => {
        calls.push({ cmd });
        switch (cmd) {
          case "app_status":
            return sampleStatus();
          case "provider_rules":
            return sampleRules();
          case "list_drafts":
            return [];
          case "add_files":
            return new Promise<Letter[]>((resolve) => (finish = resolve));
          default:
            return null;
        }
      },
      { shouldMockEvents: true },
    );
    renderApp("send");
    expect(await screen.findByTestId("dropzone")).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.cmd === "list_drafts")).toBe(true));
    await dropFiles(["/tmp/b-0.pdf", "/tmp/b-1.pdf", "/tmp/b-2.pdf"]);
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_files")).toBe(true));
    await act(async () => {
      await emit("add-progress", { checked: 2, total: 3 });
    });
    expect(await screen.findByText("Checking PDFs: 2 of 3")).toBeInTheDocument();
    await act(async () => finish(toAdd));
    await waitFor(() => expect(screen.getAllByTestId("letter-row")).toHaveLength(3));
    expect(screen.queryByTestId("check-progress")).not.toBeInTheDocument();
  });
});
