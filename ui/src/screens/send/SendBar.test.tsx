import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";

import { sampleLetter } from "../../dev/sample";
import i18n from "../../i18n";
import { theme } from "../../theme";
import { SendBar } from "./SendBar";

function bar(testMode: boolean) {
  const letters = [sampleLetter({ id: 1, file_name: "Angebot.pdf" })];
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <SendBar letters={letters} blocked={[]} canSend sending={false} testMode={testMode} onSend={() => {}} onShow={() => {}} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe("send bar", () => {
  it("says Test mode next to Send when test mode is on", () => {
    bar(true);
    expect(screen.getByTestId("send-test-mode").textContent).toBe("Test mode");
    expect(screen.getByTestId("send-button").textContent).toContain("Send 1 letter");
  });

  it("says nothing of it in live mode", () => {
    bar(false);
    expect(screen.queryByTestId("send-test-mode")).toBeNull();
  });
});
