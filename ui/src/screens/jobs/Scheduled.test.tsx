import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Letter } from "../../bindings/Letter";
import { sampleLetter, sampleStatus } from "../../dev/sample";
import { formatDay } from "../../lib/sendOn";
import { renderApp } from "../../test/render";

function scheduled(): Letter {
  const l = sampleLetter({ id: 5, file_name: "Einladung.pdf", state: "scheduled" });
  return {
    ...l,
    send_on: "2026-12-03",
    history: [
      { state: "draft", at: "2026-12-01T09:00:00Z", note: null },
      { state: "scheduled", at: "2026-12-01T09:01:00Z", note: null },
    ],
  };
}

describe("a scheduled letter in Jobs", () => {
  it("shows 'Scheduled · <day>' under In progress and can be cancelled from the drawer", { timeout: 20_000 }, async () => {
    const cancelled: number[] = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "list_jobs") return [scheduled(), sampleLetter({ id: 1, file_name: "Rechnung.pdf", state: "sent" })];
      if (cmd === "cancel_letter") {
        cancelled.push((args as { id: number }).id);
        return { ...scheduled(), state: "cancelled" };
      }
      return null;
    });
    renderApp("jobs");
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(2));

    await userEvent.click(screen.getByRole("radio", { name: "In progress" }));
    const rows = screen.getAllByTestId("job-row");
    expect(rows).toHaveLength(1);
    const chip = within(rows[0]!).getByTestId("job-status");
    expect(chip).toHaveAttribute("data-state", "scheduled");
    expect(chip).toHaveTextContent(`Scheduled · ${formatDay("2026-12-03")}`);
    expect(chip).toHaveTextContent("2026");

    await userEvent.click(rows[0]!);
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByTestId("job-state-explained")).toHaveTextContent("Waiting in the outbox for its day");
    expect(within(drawer).getByTestId("job-history")).toHaveTextContent("Scheduled");
    await userEvent.click(within(drawer).getByTestId("job-cancel"));
    expect(within(drawer).getByTestId("job-cancel-question")).toHaveTextContent("never sent");
    await userEvent.click(within(drawer).getByTestId("job-cancel-confirm"));
    await waitFor(() => expect(cancelled).toEqual([5]));
  });

  it("words the late note the core writes as a code", async () => {
    const late = { ...scheduled(), state: "sent" as const };
    late.history = [...late.history, { state: "queued", at: "2026-12-06T08:00:00Z", note: "send_on_late:2026-12-03" }];
    mockWindows("main");
    mockIPC((cmd) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "list_jobs") return [late];
      return null;
    });
    renderApp("jobs");
    await userEvent.click(await screen.findByTestId("job-row"));
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByTestId("job-history")).toHaveTextContent(`Sent at once: Postdesk was not running on ${formatDay("2026-12-03")}.`);
    expect(within(drawer).getByTestId("job-history")).not.toHaveTextContent("send_on_late");
  });
});
