import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { HotFolderTook } from "../bindings/HotFolderTook";
import { sampleRules, sampleStatus } from "../dev/sample";
import { renderApp } from "../test/render";

function backend() {
  mockWindows("main");
  mockIPC(
    (cmd) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "provider_rules") return sampleRules();
      if (cmd === "list_drafts" || cmd === "list_jobs") return [];
      return null;
    },
    { shouldMockEvents: true },
  );
}

const took = (over: Partial<HotFolderTook>): HotFolderTook => ({
  folder_id: 1,
  folder: "/mnt/share/Buchhaltung/Scans",
  sent_files: 0,
  attention_files: 0,
  letters: 0,
  ...over,
});

describe("hot folder notices", () => {
  it("says what a hot folder took: files sent and files waiting on the desk", async () => {
    backend();
    renderApp("send");
    await screen.findByTestId("dropzone", {}, { timeout: 5000 });

    await act(() => emit("hot-folder-took", took({ sent_files: 2, attention_files: 1, letters: 3 })));
    expect(await screen.findByTestId("hot-folder-took-title")).toHaveTextContent("Hot folder Scans");
    expect(screen.getByTestId("hot-folder-took-message")).toHaveTextContent("2 files sent · 1 file waits on the desk");
  });

  it("leaves out what did not happen", async () => {
    backend();
    renderApp("send");
    await screen.findByTestId("dropzone", {}, { timeout: 5000 });

    await act(() => emit("hot-folder-took", took({ folder: "/srv/Mahnungen", sent_files: 1, letters: 1 })));
    // (Notifications of an earlier test may still be shown: find this one by its folder.)
    const titles = await screen.findAllByTestId("hot-folder-took-title");
    const mine = titles.findIndex((t) => t.textContent === "Hot folder Mahnungen");
    expect(mine).toBeGreaterThanOrEqual(0);
    expect(screen.getAllByTestId("hot-folder-took-message")[mine]).toHaveTextContent(/^1 file sent$/);
  });
});
