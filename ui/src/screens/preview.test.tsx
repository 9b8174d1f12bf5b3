import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { Finding } from "../bindings/Finding";
import type { Letter } from "../bindings/Letter";
import { sampleLetter, sampleRules, sampleStatus } from "../dev/sample";
import { renderApp } from "../test/render";

type Render = { id: number; page: number; dpi: number };

/** A fake backend whose desk already holds `drafts`; it records every page render. */
function backend(drafts: Letter[], showZones = true) {
  const renders: Render[] = [];
  mockWindows("main");
  mockIPC(
    (cmd, args) => {
      switch (cmd) {
        case "app_status": {
          const s = sampleStatus();
          s.account.prefs.show_restricted_area = showZones;
          return s;
        }
        case "provider_rules":
          return sampleRules();
        case "list_drafts":
          return drafts;
        case "render_page":
          renders.push(args as Render);
          return new Uint8Array([137, 80, 78, 71]).buffer;
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return { renders };
}

const marginFinding: Finding = {
  severity: "error",
  code: "ink_in_zone",
  page: 2,
  zone: "left_margin",
  message: "There is print in the left margin on page 2.",
  hint: "Move it at least 12 mm from the left edge.",
  params: {},
  marks: [{ page: 2, x_mm: 3, y_mm: 150, w_mm: 6, h_mm: 10 }],
};

const zone = (id: string) =>
  within(screen.getByTestId("zones-overlay") as unknown as HTMLElement)
    .getAllByTestId("zone-rect")
    .find((r) => r.getAttribute("data-zone") === id)!;

describe("Preview", () => {
  it("shows a thumbnail of every page, and a click on one shows that page", async () => {
    const { renders } = backend([sampleLetter({ id: 4, file_name: "Three.pdf", pages: 3, findings: [marginFinding] })]);
    renderApp("send");

    const thumbs = await screen.findAllByTestId("page-thumb", {}, { timeout: 5000 });
    expect(thumbs.map((t) => t.getAttribute("data-page"))).toEqual(["1", "2", "3"]);
    expect(thumbs[0]).toHaveAttribute("aria-current", "page");
    // The page with the error is marked on its thumbnail.
    expect(thumbs.map((t) => t.getAttribute("data-problem"))).toEqual([null, "error", null]);
    // Thumbnails are small renders of every page.
    await waitFor(() => expect(renders.filter((r) => r.dpi === 24).map((r) => r.page).sort()).toEqual([0, 1, 2]));
    expect(renders.every((r) => r.id === 4)).toBe(true);

    await userEvent.click(screen.getByRole("button", { name: "Show page 3" }));
    expect(screen.getByText("Page 3 of 3")).toBeInTheDocument();
    expect(screen.getAllByTestId("page-thumb")[2]).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(renders.some((r) => r.page === 2 && r.dpi === 100)).toBe(true));
  });

  it("a file that is no readable PDF shows why there is no page, and asks for no render", async () => {
    const damaged: Finding = { ...marginFinding, code: "corrupt", page: null, zone: null, marks: [], message: "damaged", hint: "" };
    const { renders } = backend([sampleLetter({ id: 9, file_name: "Scan kaputt.pdf", pages: 0, recipient: null, findings: [damaged] })]);
    renderApp("send");

    expect(await screen.findByTestId("preview-unreadable", {}, { timeout: 5000 })).toHaveTextContent("cannot be read as a PDF");
    expect(screen.queryByTestId("preview-page")).not.toBeInTheDocument();
    expect(screen.queryByTestId("zones-overlay")).not.toBeInTheDocument();
    expect(renders.filter((r) => r.id === 9)).toEqual([]);
  });

  it("zooms from fit to 100 % and 150 %, rendering sharper when bigger", async () => {
    const { renders } = backend([sampleLetter({ id: 5, file_name: "One.pdf" })]);
    renderApp("send");
    await screen.findByTestId("preview-image", {}, { timeout: 5000 });

    const page = () => screen.getByTestId("preview-page");
    expect(page()).toHaveAttribute("data-zoom", "fit");
    expect(screen.getByTestId("zoom-out")).toBeDisabled();
    expect(screen.getByTestId("zoom-level")).toHaveTextContent("Fit");

    await userEvent.click(screen.getByTestId("zoom-in"));
    expect(page()).toHaveAttribute("data-zoom", "1");
    expect(screen.getByTestId("zoom-level")).toHaveTextContent("100 %");
    // 100 % is the page's real size: 210 mm at 96 px per inch.
    expect(parseFloat(page().style.width)).toBeCloseTo((210 * 96) / 25.4, 1);

    await userEvent.click(screen.getByTestId("zoom-in"));
    expect(page()).toHaveAttribute("data-zoom", "1.5");
    expect(screen.getByTestId("zoom-level")).toHaveTextContent("150 %");
    expect(screen.getByTestId("zoom-in")).toBeDisabled();
    expect(parseFloat(page().style.width)).toBeCloseTo((1.5 * 210 * 96) / 25.4, 1);
    await waitFor(() => expect(renders.some((r) => r.page === 0 && r.dpi === 150)).toBe(true));
    // The zones stay on the page at every zoom (their viewBox is the page in mm).
    expect(screen.getByTestId("zones-overlay").getAttribute("viewBox")).toBe("0 0 210 297");

    await userEvent.click(screen.getByTestId("zoom-out"));
    expect(page()).toHaveAttribute("data-zoom", "1");
    await userEvent.click(screen.getByTestId("zoom-level"));
    expect(page()).toHaveAttribute("data-zoom", "fit");
  });

  it("a click on a finding shows its page, turns the zones on and flashes the zone", async () => {
    backend([sampleLetter({ id: 6, file_name: "Margin.pdf", pages: 2, findings: [marginFinding] })], false);
    renderApp("send");
    await screen.findByTestId("preview-image", {}, { timeout: 5000 });
    expect(screen.queryByTestId("zones-overlay")).not.toBeInTheDocument();
    expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();

    const finding = screen.getByTestId("finding");
    expect(finding).toHaveAttribute("role", "button");
    expect(finding).toHaveAttribute("data-page", "2");
    await userEvent.click(finding);

    expect(screen.getByText("Page 2 of 2")).toBeInTheDocument();
    expect(screen.getByTestId("zone-toggle")).toBeChecked();
    const margin = zone("left_margin");
    expect(margin).toHaveAttribute("data-problem", "true");
    expect(margin).toHaveAttribute("data-flash", "true");
    expect(margin).toHaveClass("pd-zone-flash");
    // The flash ends by itself; the red mark of the problem stays.
    await waitFor(() => expect(zone("left_margin")).not.toHaveAttribute("data-flash"), { timeout: 3000 });
    expect(zone("left_margin")).toHaveAttribute("data-problem", "true");

    // Keyboard: Enter on the finding does the same.
    await userEvent.click(screen.getByRole("button", { name: "Show page 1" }));
    expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();
    finding.focus();
    await userEvent.keyboard("{Enter}");
    expect(screen.getByText("Page 2 of 2")).toBeInTheDocument();
    expect(zone("left_margin")).toHaveAttribute("data-flash", "true");
  });

  it("outlines in red what prints into a zone, on every page it is on, even with the zones off", async () => {
    const onTwoPages: Finding = {
      ...marginFinding,
      marks: [
        { page: 2, x_mm: 3, y_mm: 150, w_mm: 6, h_mm: 10 },
        { page: 3, x_mm: 2, y_mm: 40, w_mm: 5, h_mm: 5 },
      ],
    };
    backend([sampleLetter({ id: 9, file_name: "Margins.pdf", pages: 3, findings: [onTwoPages] })], false);
    renderApp("send");
    await screen.findByTestId("preview-image", {}, { timeout: 5000 });
    expect(screen.queryByTestId("ink-mark")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Show page 2" }));
    const [mark] = screen.getAllByTestId("ink-mark");
    // The outline sits around the ink, in page millimetres (the overlay's viewBox).
    expect(Number(mark.getAttribute("x"))).toBeCloseTo(2.4, 1);
    expect(Number(mark.getAttribute("width"))).toBeCloseTo(7.2, 1);
    expect(screen.getByTestId("zones-overlay").querySelectorAll("[data-testid=zone-rect]")).toHaveLength(0);

    await userEvent.click(screen.getByTestId("zone-toggle"));
    await userEvent.click(screen.getByRole("button", { name: "Show page 3" }));
    expect(screen.getAllByTestId("ink-mark")).toHaveLength(1);
    expect(zone("left_margin")).toHaveAttribute("data-problem", "true");
  });

  it("findings without a page are not buttons", async () => {
    backend([sampleLetter({ id: 8, file_name: "Fonts.pdf", findings: [{ ...marginFinding, page: null, zone: null, code: "fonts_not_embedded", severity: "warning", message: "Fonts are not embedded." }] })]);
    renderApp("send");
    const f = await screen.findByTestId("finding", {}, { timeout: 5000 });
    expect(f).not.toHaveAttribute("role", "button");
    await act(async () => {
      await emit("drafts-changed", null);
    });
  });
});
