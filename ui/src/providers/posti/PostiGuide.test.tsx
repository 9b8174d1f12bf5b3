import { MantineProvider } from "@mantine/core";
import { fireEvent, render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";

import { sampleLetter } from "../../dev/sample";
import i18n from "../../i18n";
import { SendBar } from "../../screens/send/SendBar";
import { theme } from "../../theme";
import { PostiGuide, PostiReachResult } from "./PostiGuide";
import { splitIds } from "./PostiSetup";

const wrap = (ui: React.ReactNode) =>
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>{ui}</MantineProvider>
    </I18nextProvider>,
  );

describe("Posti", () => {
  it("the guide counts the checklist and shows every step with what the screen says", () => {
    wrap(<PostiGuide />);
    expect(screen.getByText("(0 of 3 checked)")).toBeTruthy();
    fireEvent.click(screen.getByTestId("posti-check-MainUser"));
    expect(screen.getByText("(1 of 3 checked)")).toBeTruthy();
    const steps = screen.getByTestId("posti-steps").textContent ?? "";
    for (const label of ["Open OmaPosti Pro", "Integrations", "Explore and start migration", "Create new API key", "Create key", "Copy API key"]) {
      expect(steps).toContain(label);
    }
  });

  it("says which entered ids the key does not reach, and which it reaches", () => {
    wrap(
      <PostiReachResult
        reach={{ reached: [{ agreementId: "612345", name: "Parcels" }], not_reached: ["999999"], also_reachable: [{ agreementId: "612346", name: "" }] }}
      />,
    );
    expect(screen.getByTestId("posti-reach-missing").textContent).toContain("The key cannot place orders for 999999");
    expect(screen.getByTestId("posti-reached").textContent).toContain("612345 — Parcels");
    expect(screen.getByTestId("posti-also").textContent).toContain("612346");
    expect(screen.queryByTestId("posti-reach-ok")).toBeNull();
  });

  it("splits agreement ids as typed", () => {
    expect(splitIds(" 612345, 612346;700\n")).toEqual(["612345", "612346", "700"]);
    expect(splitIds(" , ")).toEqual([]);
  });

  it("the Send bar says why Send is off for a provider without letters", () => {
    wrap(<SendBar letters={[sampleLetter({ id: 1, file_name: "Lasku.pdf" })]} blocked={[]} canSend={false} noLetters sending={false} onSend={() => {}} onShow={() => {}} />);
    expect(screen.getByTestId("send-blocked-reason").textContent).toContain("does not print letters");
    expect((screen.getByTestId("send-button") as HTMLButtonElement).disabled).toBe(true);
  });
});
