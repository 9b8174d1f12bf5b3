import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { sampleStatus } from "../dev/sample";
import { renderApp } from "../test/render";

const REPORT = "Postdesk diagnostics\nVersion: 1.2.3 (abc12345, 2026-12-01)\n";

function backend() {
  const calls: string[] = [];
  mockWindows("main");
  mockIPC((cmd) => {
    calls.push(cmd);
    switch (cmd) {
      case "app_status":
        return sampleStatus();
      case "about_postdesk":
        return {
          version: "1.2.3",
          commit: "abc12345",
          build_date: "2026-12-01",
          pdfium: "pdfium (pdfium-binaries, from the pypdfium2 5.15.2 wheel), BSD-3-Clause",
          licenses: [{ name: "pdfium.txt", text: "Copyright 2014 The PDFium Authors\nRedistribution and use in source and binary forms" }],
          licenses_installed: "/usr/share/doc/postdesk/THIRD-PARTY-LICENSES.txt",
        };
      case "diagnostics_report":
        return REPORT;
      default:
        return null;
    }
  });
  return calls;
}

describe("Settings → About Postdesk", () => {
  it("shows version, build, pdfium and the licences, and copies the diagnostics the core built", async () => {
    const user = userEvent.setup();
    const calls = backend();
    renderApp("settings");

    expect(await screen.findByTestId("about-version")).toHaveTextContent("1.2.3");
    expect(screen.getByTestId("about-build")).toHaveTextContent("abc12345 · 2026-12-01");
    expect(screen.getByText(/pypdfium2 5\.15\.2/)).toBeInTheDocument();
    expect(screen.getByText(/THIRD-PARTY-LICENSES\.txt/)).toBeInTheDocument();
    await user.click(screen.getByTestId("about-show-licenses"));
    expect(screen.getByTestId("about-licenses")).toHaveTextContent("Redistribution and use in source and binary forms");

    await user.click(screen.getByTestId("about-copy-diagnostics"));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(REPORT));
    expect(calls).toContain("diagnostics_report");
    expect(await screen.findByTestId("about-copy-diagnostics")).toHaveTextContent("Diagnostics copied");
  });

  it("says when the build is not from a git checkout", async () => {
    backend();
    mockIPC((cmd) =>
      cmd === "about_postdesk"
        ? { version: "1.2.3", commit: null, build_date: null, pdfium: "pdfium", licenses: [], licenses_installed: "/x" }
        : cmd === "app_status"
          ? sampleStatus()
          : null,
    );
    renderApp("settings");
    expect(await screen.findByTestId("about-build")).toHaveTextContent("not built from a git checkout");
  });
});
