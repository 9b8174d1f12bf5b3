import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Letter } from "./bindings/Letter";
import { errorFinding, sampleLetter, sampleRules, sampleStatus, warningFinding } from "./dev/sample";
import { renderApp } from "./test/render";

/** A fake backend with a desk of drafts that `add_files` fills from the given letters. */
function backend(toAdd: Letter[]) {
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
        case "send_letters": {
          const ids = (args as { ids: number[] }).ids;
          const sent = drafts.filter((d) => ids.includes(d.id)).map((d) => ({ ...d, state: "queued" as const }));
          drafts = drafts.filter((d) => !ids.includes(d.id));
          void emit("drafts-changed", null);
          return sent;
        }
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
    expect(calls.find((c) => c.cmd === "send_letters")?.args).toEqual({ ids: [7] });
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
      "“Logo-in-band.pdf” can’t be sent: There is print in the franking zone on page 1.",
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
});
