import { fireEvent, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { SendOn } from "../../bindings/SendOn";
import { sampleLetter, sampleStatus } from "../../dev/sample";
import { formatDay, isoDay, localMidnightMs, sendOnBounds, sendOnFor } from "../../lib/sendOn";
import { openSendDialog } from "../../test/sendDialog";

/** The Send screen with one dropped letter and the pre-send dialog on; records what `send_letters_checked` got. */
function openDialog() {
  const status = sampleStatus();
  status.account.prefs.show_dialog = true;
  const letter = sampleLetter({ id: 1, file_name: "Einladung.pdf" });
  return openSendDialog<{ ids: number[]; allowDuplicate: boolean; sendOn?: SendOn }>({
    status,
    letter,
    path: "/tmp/Einladung.pdf",
    queued: (a) => ({ ...letter, state: a.sendOn ? "scheduled" : "queued", send_on: a.sendOn?.date }),
  });
}

describe("Send on", () => {
  it("works out the day's local midnight and sends today at once", () => {
    const now = new Date(2026, 11, 2, 15, 30);
    expect(sendOnBounds(now)).toEqual({ min: "2026-12-02", max: "2027-12-02" });
    expect(localMidnightMs("2026-12-05")).toBe(new Date(2026, 11, 5, 0, 0, 0, 0).getTime());
    expect(localMidnightMs("2026-02-30")).toBeNull();
    expect(sendOnFor("2026-12-02", now)).toBeNull();
    expect(sendOnFor("2026-11-30", now)).toBeNull();
    expect(sendOnFor("2027-12-03", now)).toBeNull();
    expect(sendOnFor("2026-12-05", now)).toEqual({ date: "2026-12-05", at_ms: new Date(2026, 11, 5).getTime() });
  });

  it("a later day in the dialog schedules: the button says so and the send carries the day and its local midnight", { timeout: 20_000 }, async () => {
    const { dialog, sent } = await openDialog();
    const field = within(dialog).getByTestId("dialog-send-on");
    const today = isoDay(new Date());
    expect(field).toHaveValue(today);
    expect(field).toHaveAttribute("type", "date");
    expect(field).toHaveAttribute("min", today);
    expect(field).toHaveAttribute("max", sendOnBounds(new Date()).max);
    expect(within(dialog).getByTestId("dialog-send")).toHaveTextContent("Send 1 letter");

    const now = new Date();
    const day = isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 3));
    fireEvent.change(field, { target: { value: day } });
    const label = `Schedule for ${formatDay(day)}`;
    expect(within(dialog).getByTestId("dialog-send")).toHaveTextContent(label);
    expect(within(dialog).getByTestId("dialog-scheduled-note")).toHaveTextContent(`The letter waits in the outbox and goes out on ${formatDay(day)}`);

    // Past the picker's bounds (typed by hand): said, and Send waits.
    const far = isoDay(new Date(now.getFullYear() + 2, now.getMonth(), now.getDate()));
    fireEvent.change(field, { target: { value: far } });
    expect(within(dialog).getByTestId("dialog-send")).toBeDisabled();
    expect(within(dialog).getByTestId("dialog-problem")).toHaveTextContent("from today to one year ahead");
    fireEvent.change(field, { target: { value: day } });

    await userEvent.click(within(dialog).getByTestId("dialog-send"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.ids).toEqual([1]);
    expect(sent[0]!.allowDuplicate).toBe(false);
    const [y, m, d] = day.split("-").map(Number);
    expect(sent[0]!.sendOn).toEqual({ date: day, at_ms: new Date(y!, m! - 1, d!).getTime() });
  });

  it("today sends now: no sendOn goes to the core", { timeout: 20_000 }, async () => {
    const { dialog, sent } = await openDialog();
    await userEvent.click(within(dialog).getByTestId("dialog-send"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).not.toHaveProperty("sendOn");
  });
});
