import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { RestrictedZone } from "../bindings/RestrictedZone";
import { sampleRules } from "../dev/sample";
import { zonesForPage } from "../lib/letters";
import { ZoneOverlay } from "./ZoneOverlay";

describe("ZoneOverlay", () => {
  it("draws one rect per zone, in mm, on a page-sized viewBox", () => {
    const zones = sampleRules().zones;
    const { getByTestId, getAllByTestId } = render(
      <ZoneOverlay pageSizeMm={[210, 297]} zones={zones} problemZones={new Set(["franking"])} label="zones" />,
    );
    expect(getByTestId("zones-overlay").getAttribute("viewBox")).toBe("0 0 210 297");
    const rects = getAllByTestId("zone-rect");
    expect(rects).toHaveLength(zones.length);
    const window = rects[0];
    expect([window.getAttribute("x"), window.getAttribute("y"), window.getAttribute("width"), window.getAttribute("height")]).toEqual(["20", "45", "85", "45"]);
    expect(rects.filter((r) => r.hasAttribute("data-problem"))).toHaveLength(1);
  });

  it("draws nothing when there are no zones", () => {
    const { queryAllByTestId } = render(<ZoneOverlay pageSizeMm={[210, 297]} zones={[]} problemZones={new Set()} label="zones" />);
    expect(queryAllByTestId("zone-rect")).toHaveLength(0);
  });

  it("picks the zones of a page: first, following, all", () => {
    const z = (id: string, pages: RestrictedZone["pages"]): RestrictedZone => ({ id, label: id, pages, x_mm: 0, y_mm: 0, w_mm: 1, h_mm: 1, kind: "keep_free", source: "provider" });
    const zones = [z("a", "first"), z("b", "following"), z("c", "all")];
    expect(zonesForPage(zones, 0).map((x) => x.id)).toEqual(["a", "c"]);
    expect(zonesForPage(zones, 2).map((x) => x.id)).toEqual(["b", "c"]);
  });
});
