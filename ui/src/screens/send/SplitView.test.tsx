import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Letter } from "../../bindings/Letter";
import { sampleLetter, sampleRules, sampleStatus } from "../../dev/sample";
import type { PageRange, SplitPlan } from "../../lib/split";
import { renderApp } from "../../test/render";

const address = (name: string, postal: string, city: string) => ({ lines: [name, "Hauptstraße 1", `${postal} ${city}`], postal_code: postal, city, country: null });

/** Letters of 2, 1 and 3 pages; the last one's third page is an enclosure. */
const PLAN: SplitPlan = {
  pages: 6,
  letters: [
    { first_page: 0, pages: 2, address: address("Erika Mustermann", "10115", "Berlin") },
    { first_page: 2, pages: 1, address: address("Max Muster", "20095", "Hamburg") },
    { first_page: 3, pages: 3, address: null },
  ],
};

type Call = { cmd: string; args: Record<string, unknown> };

/** A desk holding one merged PDF the engine would cut into `PLAN`; records the split calls. */
function backend() {
  const merged = sampleLetter({ id: 7, file_name: "merged.pdf", pages: 6 });
  Object.assign(merged.preflight, { letters_hint: 3 });
  let drafts: Letter[] = [merged];
  const calls: Call[] = [];
  mockWindows("main");
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case "app_status":
          return sampleStatus();
        case "provider_rules":
          return sampleRules();
        case "list_drafts":
          return drafts;
        case "render_page":
          return new Uint8Array([137, 80, 78, 71]).buffer;
        case "split_preview":
          calls.push({ cmd, args: a });
          return (a.rule as { by: string }).by === "pages"
            ? { pages: 6, letters: [0, 2, 4].map((first_page) => ({ first_page, pages: 2, address: null })) }
            : PLAN;
        case "split_draft": {
          calls.push({ cmd, args: a });
          drafts = (a.ranges as PageRange[]).map((r, i) =>
            Object.assign(sampleLetter({ id: 100 + i, file_name: "merged.pdf", pages: r.pages }), { split_from: r }),
          );
          return drafts;
        }
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls };
}

const letterRows = () => screen.getAllByTestId("split-letter");

describe("Split a merged PDF", () => {
  it("offers the split, shows the engine's letters, and makes them with the clerk's edits", async () => {
    const user = userEvent.setup();
    const { calls } = backend();
    renderApp("send");

    const offer = await screen.findByTestId("split-offer");
    expect(offer).toHaveTextContent("Split into 3 letters");
    expect(screen.getByTestId("split-offer-panel")).toHaveTextContent("This PDF looks like 3 letters.");
    await user.click(offer);

    await waitFor(() => expect(letterRows()).toHaveLength(3));
    expect(calls[0]).toEqual({ cmd: "split_preview", args: { id: 7, rule: { by: "address" } } });
    const [first, second, third] = letterRows();
    expect(within(first).getByTestId("split-recipient")).toHaveTextContent("Erika Mustermann · 10115 Berlin");
    expect(within(first).getByTestId("split-range")).toHaveTextContent("pages 1–2 · 2 pages");
    expect(within(second).getByTestId("split-range")).toHaveTextContent("page 3 · 1 page");
    expect(within(third).getByTestId("split-recipient")).toHaveTextContent("No address found on its first page");
    expect(screen.getByTestId("split-summary")).toHaveTextContent("3 letters from 6 pages");

    // Letter 2 has one page: the boundary after it cannot move earlier, the one before it not later.
    const boundaries = screen.getAllByTestId("split-boundary");
    expect(within(boundaries[0]).getByTestId("split-boundary-later")).toBeDisabled();
    expect(within(boundaries[1]).getByTestId("split-boundary-earlier")).toBeDisabled();
    // Page 4 goes to letter 2: 2, 2, 2.
    await user.click(within(boundaries[1]).getByTestId("split-boundary-later"));
    expect(letterRows().map((r) => r.dataset.pages)).toEqual(["2", "2", "2"]);
    expect(screen.getByTestId("split-edited")).toBeInTheDocument();
    // The third letter now starts on a page that did not start a letter: read later.
    expect(within(letterRows()[2]).getByTestId("split-recipient")).toHaveTextContent("Recipient read when the letter is made");

    // Split letter 1 at its page 2, then merge it back; then merge letters 2 and 3.
    await user.click(within(letterRows()[0]).getByTestId("split-letter-menu"));
    await user.click(await screen.findByRole("menuitem", { name: "Start a new letter at page 2" }));
    expect(letterRows().map((r) => r.dataset.pages)).toEqual(["1", "1", "2", "2"]);
    await user.click(within(letterRows()[0]).getByTestId("split-letter-menu"));
    await user.click(await screen.findByRole("menuitem", { name: "Merge with the next letter" }));
    expect(letterRows().map((r) => r.dataset.pages)).toEqual(["2", "2", "2"]);

    const make = screen.getByTestId("split-make");
    expect(make).toHaveTextContent("Make 3 letters");
    await user.click(make);

    await waitFor(() => expect(calls.at(-1)?.cmd).toBe("split_draft"));
    expect(calls.at(-1)?.args).toEqual({
      id: 7,
      ranges: [
        { first_page: 0, pages: 2 },
        { first_page: 2, pages: 2 },
        { first_page: 4, pages: 2 },
      ],
    });
    // The desk shows the three drafts with where they came from.
    await waitFor(() => expect(screen.getAllByTestId("letter-origin")).toHaveLength(3));
    expect(screen.getAllByTestId("letter-origin").map((e) => e.textContent)).toEqual([
      "pages 1–2 of merged.pdf",
      "pages 3–4 of merged.pdf",
      "pages 5–6 of merged.pdf",
    ]);
    expect(screen.queryByTestId("split-offer")).not.toBeInTheDocument();
  });

  it("asks the engine again for another rule, and Cancel makes nothing", async () => {
    const user = userEvent.setup();
    const { calls } = backend();
    renderApp("send");

    await user.click(await screen.findByTestId("split-offer-open"));
    await waitFor(() => expect(letterRows()).toHaveLength(3));
    await user.click(screen.getByRole("radio", { name: "Every N pages" }));
    await waitFor(() => expect(calls.at(-1)?.args).toEqual({ id: 7, rule: { by: "pages", pages: 2 } }));
    await waitFor(() => expect(letterRows().map((r) => r.dataset.firstPage)).toEqual(["0", "2", "4"]));

    await user.click(screen.getByTestId("split-cancel"));
    await waitFor(() => expect(screen.queryByTestId("split-letter")).not.toBeInTheDocument());
    expect(calls.map((c) => c.cmd)).not.toContain("split_draft");
    expect(screen.getByTestId("split-offer")).toBeInTheDocument();
  });
});
