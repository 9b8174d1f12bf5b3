import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { sampleLetter, sampleStatus } from "../dev/sample";
import { renderApp } from "../test/render";

describe("Jobs screen", () => {
  it("upserts rows from jobs-changed events", async () => {
    const first = sampleLetter({ id: 1, file_name: "Invoice-1.pdf", state: "queued" });
    mockWindows("main");
    mockIPC(
      (cmd) => {
        if (cmd === "app_status") return sampleStatus();
        if (cmd === "list_jobs") return [first];
        return null;
      },
      { shouldMockEvents: true },
    );
    renderApp("jobs");

    const row = await screen.findByTestId("job-row");
    expect(within(row).getByTestId("job-status")).toHaveTextContent("Waiting to send");
    expect(within(row).getByTestId("job-status")).toHaveAttribute("data-state", "queued");

    // The same letter moves on: its row is updated, not duplicated.
    await act(() => emit("jobs-changed", { ...first, state: "accepted", updated_at: "2025-03-12T10:00:00Z", registered_number: "RR 1DE" }));
    await waitFor(() => expect(screen.getByTestId("job-status")).toHaveAttribute("data-state", "accepted"));
    expect(screen.getAllByTestId("job-row")).toHaveLength(1);
    expect(screen.getByTestId("job-status")).toHaveTextContent("Accepted (1)");
    expect(screen.getByTestId("job-row")).toHaveTextContent("RR 1DE");

    // A new letter is added on top.
    await act(() => emit("jobs-changed", sampleLetter({ id: 2, file_name: "Reminder.pdf", state: "failed" })));
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(2));
    expect(screen.getAllByTestId("job-row")[0]).toHaveTextContent("Reminder.pdf");
    expect(screen.getAllByTestId("job-status")[0]).toHaveTextContent("Failed (99)");
  });

  it("filters by search and opens a drawer with the history and the error details", async () => {
    const failed = sampleLetter({ id: 2, file_name: "Reminder.pdf", state: "failed" });
    failed.last_error = { code: "epost.E613", message: "No valid postal code was found.", details: "E613 (HTTP 400)" };
    mockWindows("main");
    mockIPC((cmd) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "list_jobs") return [failed, sampleLetter({ id: 1, file_name: "Invoice-1.pdf", state: "sent" })];
      return null;
    });
    renderApp("jobs");
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(2));

    await userEvent.type(screen.getByLabelText("Search jobs"), "invoice");
    expect(screen.getAllByTestId("job-row")).toHaveLength(1);
    await userEvent.clear(screen.getByLabelText("Search jobs"));

    await userEvent.click(screen.getByRole("row", { name: "Open details of Reminder.pdf" }));
    const drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByText("No valid postal code was found.")).toBeInTheDocument();
    expect(within(drawer).getByTestId("job-history")).toHaveTextContent("Waiting to send");
    await userEvent.click(within(drawer).getByRole("button", { name: "Details" }));
    expect(within(drawer).getByText("epost.E613")).toBeInTheDocument();
    expect(await within(drawer).findByRole("button", { name: "Copy for support" })).toBeInTheDocument();
  });

  it("filters by state group and test/live, searches the reference, and opens the test result", { timeout: 20_000 }, async () => {
    const test = sampleLetter({ id: 1, file_name: "Test.pdf", state: "accepted", test_mode: true, provider_id: "10000001", archived: false });
    const live = sampleLetter({ id: 2, file_name: "Live.pdf", state: "sent", reference: "Akte 4711", cost_center: "KST1" });
    const failed = sampleLetter({ id: 3, file_name: "Bad.pdf", state: "failed" });
    failed.last_error = {
      code: "provider_letter_error",
      message: "The print centre could not process the letter: no address",
      details: "E612: No recipient address found in the search area; E613: No valid postal code",
      params: {
        provider: "epost",
        provider_code: "E612",
        provider_messages: [
          { code: "E612", text: "No recipient address found in the search area" },
          { code: "E613", text: "No valid postal code" },
        ],
      },
    };
    const opened: number[] = [];
    mockWindows("main");
    mockIPC((cmd, args) => {
      if (cmd === "app_status") return sampleStatus();
      if (cmd === "list_jobs") return [failed, live, test];
      if (cmd === "open_test_result") {
        opened.push((args as { id: number }).id);
        return "/data/test-results/10000001.pdf";
      }
      return null;
    });
    renderApp("jobs");
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(3));

    await userEvent.click(screen.getByRole("radio", { name: "In progress" }));
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(1));
    expect(screen.getByTestId("job-row")).toHaveTextContent("Test.pdf");
    await userEvent.click(screen.getByRole("radio", { name: "Failed" }));
    await waitFor(() => expect(screen.getByTestId("job-row")).toHaveTextContent("Bad.pdf"));
    await userEvent.click(screen.getByRole("radio", { name: "All" }));
    await userEvent.click(screen.getByRole("radio", { name: "Test" }));
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(1));
    await userEvent.click(screen.getByRole("radio", { name: "Live" }));
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(2));
    await userEvent.click(screen.getByRole("radio", { name: "Test and live" }));

    await userEvent.type(screen.getByLabelText("Search jobs"), "akte 47");
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(1));
    expect(screen.getByTestId("job-row")).toHaveTextContent("Live.pdf");
    await userEvent.clear(screen.getByLabelText("Search jobs"));

    await userEvent.click(screen.getByRole("row", { name: "Open details of Bad.pdf" }));
    let drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByTestId("job-error-list")).toHaveTextContent("E612: No recipient address found in the search area");
    expect(within(drawer).getByTestId("job-error-list")).toHaveTextContent("E613: No valid postal code");
    expect(within(drawer).getByTestId("job-state-explained")).toHaveTextContent("Status 99");
    await userEvent.click(within(drawer).getByRole("button", { name: "Close" }));

    await userEvent.click(screen.getByRole("row", { name: "Open details of Test.pdf" }));
    drawer = await screen.findByRole("dialog");
    expect(within(drawer).getByTestId("archive-not-kept")).toHaveTextContent("Save File in Joblist");
    await userEvent.click(within(drawer).getByTestId("open-test-result"));
    await waitFor(() => expect(within(drawer).getByTestId("opened-file")).toHaveTextContent("/data/test-results/10000001.pdf"));
    expect(opened).toEqual([1]);
  });
});
