import { MantineProvider } from "@mantine/core";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { HotFolder } from "../../bindings/HotFolder";
import type { HotFolderSettings } from "../../bindings/HotFolderSettings";
import { sampleLetter, sampleStatus } from "../../dev/sample";
import { isoDay } from "../../lib/sendOn";
import { renderApp } from "../../test/render";
import { LetterList } from "../send/LetterList";

const folder = (id: number, over: Partial<HotFolder> = {}, settings: Partial<HotFolderSettings> = {}): HotFolder => ({
  id,
  settings: { path: `/mnt/share/Post/Folder${id}`, company_id: 1, mode: "send", options: null, split: null, send_on: null, enabled: true, ...settings },
  status: "watching",
  taken: 0,
  needs_attention: 0,
  last_taken_at: null,
  ...over,
});

type Call = { cmd: string; args: Record<string, unknown> };

/** Settings against a fake core holding `initial`; every hot folder command is recorded. `fail`: what hot_folder_save throws. */
function openSettings(initial: HotFolder[], fail?: unknown) {
  const calls: Call[] = [];
  let folders = [...initial];
  mockWindows("main");
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    if (cmd.startsWith("hot_folder")) calls.push({ cmd, args: a });
    if (cmd === "app_status") return sampleStatus();
    if (cmd === "hot_folders") return folders;
    if (cmd === "hot_folder_save") {
      if (fail) throw fail;
      const saved = folder((a.id as number | null) ?? 99, {}, a.settings as HotFolderSettings);
      folders = [...folders.filter((f) => f.id !== saved.id), saved];
      return saved;
    }
    if (cmd === "hot_folder_remove") {
      folders = folders.filter((f) => f.id !== a.id);
      return null;
    }
    if (cmd === "about_postdesk") return { version: "0.1.0", commit: null, build_date: null, pdfium: "pdfium", licenses: [], licenses_installed: "" };
    return null;
  });
  renderApp("settings");
  return calls;
}

const saves = (calls: Call[]) => calls.filter((c) => c.cmd === "hot_folder_save").map((c) => c.args);

async function pick(testId: string, option: string) {
  await userEvent.click(screen.getByTestId(testId));
  // Mantine's dropdown is still in its opening transition, so its options count as hidden.
  const found = await screen.findAllByRole("option", { name: option, hidden: true });
  await userEvent.click(found[found.length - 1]!);
}

describe("Settings → Hot folders", () => {
  it("lists each folder with its name, path, company, way, state in a clerk's words and counts", async () => {
    openSettings([
      folder(1, { taken: 12, needs_attention: 1 }, { path: "/mnt/share/Accounts/Invoices" }),
      folder(2, { status: "missing" }, { path: "/mnt/nas/Out", company_id: 2, mode: "desk", options: sampleStatus().account.defaults, split: { by: "address" } }),
      folder(3, { status: "watched_elsewhere" }),
    ]);
    const rows = await screen.findAllByTestId("hot-folder-row");
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.getAttribute("data-status"))).toEqual(["watching", "missing", "watched_elsewhere"]);

    expect(rows[0]).toHaveTextContent("Invoices");
    expect(within(rows[0]!).getByTestId("hot-folder-row-path")).toHaveTextContent("/mnt/share/Accounts/Invoices");
    expect(within(rows[0]!).getByTestId("hot-folder-status")).toHaveTextContent("Watching");
    expect(within(rows[0]!).getByTestId("hot-folder-details")).toHaveTextContent("Sandbox GmbH · Go straight out · Company’s defaults · One letter per file");
    expect(within(rows[0]!).getByTestId("hot-folder-counts")).toHaveTextContent("12 files taken · 1 needs attention");

    expect(within(rows[1]!).getByTestId("hot-folder-status")).toHaveTextContent("Folder not found — is the network drive connected?");
    expect(within(rows[1]!).getByTestId("hot-folder-details")).toHaveTextContent("Hansen & Partner KG · Wait on the desk · Own options · By address");
    expect(within(rows[1]!).getByTestId("hot-folder-counts")).toHaveTextContent("0 files taken");
    expect(within(rows[2]!).getByTestId("hot-folder-status")).toHaveTextContent("Another Postdesk window on this computer watches this folder");
  });

  it("reads the list again every few seconds while it is shown", { timeout: 10_000 }, async () => {
    const calls: Call[] = [];
    let taken = 0;
    mockWindows("main");
    mockIPC((cmd) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "hot_folders") {
        calls.push({ cmd, args: {} });
        return [folder(1, { taken: taken++ })];
      }
      return null;
    });
    renderApp("settings");
    expect(await screen.findByTestId("hot-folder-counts")).toHaveTextContent("0 files taken");
    await waitFor(() => expect(screen.getByTestId("hot-folder-counts")).toHaveTextContent("1 file taken"), { timeout: 4500 });
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  it("adds a folder with the company's defaults: no options, no split, no day, the current company", async () => {
    const calls = openSettings([]);
    expect(await screen.findByTestId("hot-folders-empty")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("hot-folder-add"));
    expect(screen.getByTestId("hot-folder-use-defaults")).toBeChecked();
    await userEvent.type(screen.getByTestId("hot-folder-path"), "/srv/post/out");
    await userEvent.click(screen.getByTestId("hot-folder-save"));

    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    expect(saves(calls)[0]).toEqual({
      id: null,
      settings: { path: "/srv/post/out", company_id: 1, mode: "desk", options: null, split: null, send_on: null, enabled: true },
    });
    // The form closes and the new folder is listed.
    await waitFor(() => expect(screen.queryByTestId("hot-folder-form")).not.toBeInTheDocument());
    expect(await screen.findByTestId("hot-folder-row")).toHaveTextContent("out");
  });

  it("sends exactly what was chosen: company, straight out, own options, a split rule and a day at its local midnight", { timeout: 20_000 }, async () => {
    const calls = openSettings([]);
    await userEvent.click(await screen.findByTestId("hot-folder-add"));
    await userEvent.type(screen.getByTestId("hot-folder-path"), "\\\\nas\\post\\out");
    await pick("hot-folder-company", "Hansen & Partner KG");
    // The e2e test picks the way by the control's values.
    expect(document.querySelector('[data-testid="hot-folder-mode"] input[value="desk"]')).toBeChecked();
    expect(document.querySelector('[data-testid="hot-folder-mode"] input[value="send"]')).not.toBeNull();
    await userEvent.click(screen.getByRole("radio", { name: "Go straight out" }));
    expect(screen.getByText("Letters without problems are sent at once; letters with problems wait on the desk with their findings.")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("hot-folder-use-defaults"));
    await userEvent.click(screen.getByTestId("hot-folder-color"));
    await userEvent.click(screen.getByTestId("hot-folder-cover-letter"));

    await pick("hot-folder-split", "Every N pages");
    const pages = screen.getByTestId("hot-folder-split-pages");
    await userEvent.clear(pages);
    await userEvent.type(pages, "3");

    const later = new Date();
    later.setDate(later.getDate() + 10);
    const day = isoDay(later);
    fireEvent.change(screen.getByTestId("hot-folder-send-on"), { target: { value: day } });

    await userEvent.click(screen.getByTestId("hot-folder-save"));
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    const [y, m, d] = day.split("-").map(Number);
    expect(saves(calls)[0]).toEqual({
      id: null,
      settings: {
        path: "\\\\nas\\post\\out",
        company_id: 2,
        mode: "send",
        options: { ...sampleStatus().account.defaults, color: true, cover_letter: true },
        split: { by: "pages", pages: 3 },
        send_on: { date: day, at_ms: new Date(y!, m! - 1, d!).getTime() },
        enabled: true,
      },
    });
  });

  it("splits at a text on the last page", { timeout: 20_000 }, async () => {
    const calls = openSettings([]);
    await userEvent.click(await screen.findByTestId("hot-folder-add"));
    await userEvent.type(screen.getByTestId("hot-folder-path"), "/srv/merge");
    await pick("hot-folder-split", "By text");
    await userEvent.type(screen.getByTestId("hot-folder-split-pattern"), "Seite 1 von");
    await pick("hot-folder-split-position", "the last page of each letter");
    await userEvent.click(screen.getByTestId("hot-folder-save"));
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    expect((saves(calls)[0]!.settings as HotFolderSettings).split).toEqual({ by: "text", pattern: "Seite 1 von", position: "last" });
  });

  it("refuses a day more than a year ahead before asking the core", async () => {
    const calls = openSettings([]);
    await userEvent.click(await screen.findByTestId("hot-folder-add"));
    await userEvent.type(screen.getByTestId("hot-folder-path"), "/srv/post/out");
    const far = new Date();
    far.setFullYear(far.getFullYear() + 2);
    fireEvent.change(screen.getByTestId("hot-folder-send-on"), { target: { value: isoDay(far) } });
    expect(screen.getByText("Pick a “Send on” date from today to one year ahead.")).toBeInTheDocument();
    expect(screen.getByTestId("hot-folder-save")).toBeDisabled();
    expect(saves(calls)).toHaveLength(0);
  });

  it("words the core's refusal by its code", async () => {
    openSettings([], { code: "hot_folder_not_absolute", message: "path is not absolute", details: "path: \"post\"" });
    await userEvent.click(await screen.findByTestId("hot-folder-add"));
    await userEvent.type(screen.getByTestId("hot-folder-path"), "post");
    await userEvent.click(screen.getByTestId("hot-folder-save"));
    const error = await screen.findByTestId("hot-folder-error");
    expect(error).toHaveTextContent("The folder needs its full path");
    expect(error).not.toHaveTextContent("path is not absolute");
    // The form stays open with what was typed.
    expect(screen.getByTestId("hot-folder-path")).toHaveValue("post");
  });

  it("changes a folder in place and turns one off", async () => {
    const calls = openSettings([folder(4, {}, { path: "/srv/a", mode: "send", split: { by: "address" } })]);
    const row = await screen.findByTestId("hot-folder-row");
    await userEvent.click(within(row).getByTestId("hot-folder-enabled"));
    await waitFor(() => expect(saves(calls)).toHaveLength(1));
    expect(saves(calls)[0]).toEqual({ id: 4, settings: { path: "/srv/a", company_id: 1, mode: "send", options: null, split: { by: "address" }, send_on: null, enabled: false } });

    await userEvent.click(within(await screen.findByTestId("hot-folder-row")).getByTestId("hot-folder-edit"));
    expect(screen.getByTestId("hot-folder-path")).toHaveValue("/srv/a");
    await userEvent.click(screen.getByRole("radio", { name: "Wait on the desk" }));
    await userEvent.click(screen.getByTestId("hot-folder-save"));
    await waitFor(() => expect(saves(calls)).toHaveLength(2));
    expect(saves(calls)[1]).toMatchObject({ id: 4, settings: { path: "/srv/a", mode: "desk", split: { by: "address" }, enabled: false } });
  });

  it("asks before removing, and removes only when confirmed", async () => {
    const calls = openSettings([folder(7, {}, { path: "/srv/old" })]);
    const row = await screen.findByTestId("hot-folder-row");
    await userEvent.click(within(row).getByTestId("hot-folder-remove"));
    expect(screen.getByTestId("hot-folder-remove-question")).toHaveTextContent("Remove this hot folder?");
    await userEvent.click(screen.getByRole("button", { name: "Keep" }));
    expect(calls.filter((c) => c.cmd === "hot_folder_remove")).toHaveLength(0);

    await userEvent.click(within(row).getByTestId("hot-folder-remove"));
    await userEvent.click(screen.getByTestId("hot-folder-remove-confirm"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "hot_folder_remove").map((c) => c.args)).toEqual([{ id: 7 }]));
    await waitFor(() => expect(screen.queryByTestId("hot-folder-row")).not.toBeInTheDocument());
  });
});

describe("where a letter came from", () => {
  it("the job list names the hot folder, the drawer shows its full path", async () => {
    const path = "/mnt/share/Accounts/Invoices";
    mockWindows("main");
    mockIPC((cmd) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "list_jobs") return [{ ...sampleLetter({ id: 1, file_name: "A.pdf", state: "sent" }), source_folder: path }, sampleLetter({ id: 2, file_name: "B.pdf", state: "sent" })];
      return null;
    });
    renderApp("jobs");
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(2));
    const hints = screen.getAllByTestId("job-source-folder");
    expect(hints).toHaveLength(1);
    expect(hints[0]).toHaveTextContent("From hot folder Invoices");
    expect(hints[0]).toHaveAttribute("title", path);

    await userEvent.click(screen.getByRole("row", { name: "Open details of A.pdf" }));
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByText("Came from")).toBeInTheDocument();
    expect(within(drawer).getByTestId("job-drawer-source-folder")).toHaveTextContent(path);
  });

  it("the desk's list names it too (a letter with problems waits there)", () => {
    const letter = { ...sampleLetter({ id: 5, file_name: "C.pdf" }), source_folder: "C:\\Post\\Out\\" };
    render(
      <MantineProvider>
        <LetterList letters={[letter, sampleLetter({ id: 6, file_name: "D.pdf" })]} selectedId={5} onSelect={() => {}} onRemove={() => {}} onSplit={() => {}} />
      </MantineProvider>,
    );
    const hints = screen.getAllByTestId("letter-source-folder");
    expect(hints).toHaveLength(1);
    expect(hints[0]).toHaveTextContent("From hot folder Out");
  });
});
