import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { sampleStatus } from "../dev/sample";
import { renderApp } from "../test/render";

function backend(status = sampleStatus()) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockWindows("main");
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    switch (cmd) {
      case "app_status":
        return status;
      case "epost_admin_contact":
        return { email: null, mobile: null, changed_at: null };
      case "epost_set_email":
      case "epost_set_mobile": {
        const code = String(a.smsCode ?? a.emailCode);
        if (code !== "123456") throw { code: "contact_code_wrong", message: "The code is wrong.", details: "E012 (HTTP 400)" };
        return { email: a.newEmail ?? null, mobile: a.newMobile ?? null, changed_at: "2026-11-23T10:00:00Z" };
      }
      default:
        return null;
    }
  });
  return calls;
}

describe("Change administrator contact", () => {
  it("changes the e-mail in two steps: field check, code by SMS, wrong code, right code", async () => {
    const user = userEvent.setup();
    const calls = backend();
    renderApp("setup");
    await user.click(await screen.findByTestId("admin-change"));
    await user.click(await screen.findByTestId("admin-change-email"));
    expect(await screen.findByTestId("contact-warning")).toHaveTextContent("You need the registered mobile phone");

    // A bad address is caught at the field; nothing is requested.
    await user.type(screen.getByTestId("contact-new-value"), "neu@firma");
    await user.click(screen.getByTestId("contact-ok"));
    expect(await screen.findByText("Enter a valid e-mail address, e.g. name@company.de.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "epost_email_request")).toBe(false);

    await user.type(screen.getByTestId("contact-new-value"), ".de");
    await user.click(screen.getByTestId("contact-ok"));
    expect(await screen.findByTestId("contact-code-sent")).toHaveTextContent("SMS");
    expect(calls.find((c) => c.cmd === "epost_email_request")?.args).toEqual({ newEmail: "neu@firma.de" });
    expect(screen.getByTestId("contact-new-value")).toHaveAttribute("readonly");

    // A short code never leaves the dialog; a wrong one gets the clerk's message.
    await user.type(screen.getByTestId("contact-code"), "123");
    await user.click(screen.getByTestId("contact-ok"));
    expect(await screen.findByText("The code has exactly 6 digits.")).toBeInTheDocument();
    await user.clear(screen.getByTestId("contact-code"));
    await user.type(screen.getByTestId("contact-code"), "000000");
    await user.click(screen.getByTestId("contact-ok"));
    expect(await screen.findByText(/The code is not correct/)).toBeInTheDocument();
    expect(screen.getByTestId("admin-email")).toHaveValue("as registered with Deutsche Post");

    await user.clear(screen.getByTestId("contact-code"));
    await user.type(screen.getByTestId("contact-code"), "123456");
    await user.click(screen.getByTestId("contact-ok"));
    await waitFor(() => expect(screen.getByTestId("admin-email")).toHaveValue("neu@firma.de"));
    expect(screen.queryByTestId("contact-code")).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "epost_set_email").at(-1)?.args).toEqual({ newEmail: "neu@firma.de", smsCode: "123456" });
  }, 20_000);

  it("changes the mobile with the code sent by e-mail", async () => {
    const user = userEvent.setup();
    backend();
    renderApp("setup");
    await user.click(await screen.findByTestId("admin-change"));
    await user.click(await screen.findByTestId("admin-change-mobile"));
    expect(await screen.findByTestId("contact-warning")).toHaveTextContent("registered e-mail account");
    await user.type(screen.getByTestId("contact-new-value"), "0171-abc");
    await user.click(screen.getByTestId("contact-ok"));
    expect(await screen.findByText(/Enter a mobile number with 6 to 20 digits/)).toBeInTheDocument();
    await user.clear(screen.getByTestId("contact-new-value"));
    await user.type(screen.getByTestId("contact-new-value"), "+49 171 2345678");
    await user.click(screen.getByTestId("contact-ok"));
    expect(await screen.findByTestId("contact-code-sent")).toHaveTextContent("e-mail");
    await user.type(screen.getByTestId("contact-code"), "123456");
    await user.click(screen.getByTestId("contact-ok"));
    await waitFor(() => expect(screen.getByTestId("admin-mobile")).toHaveValue("+49 171 2345678"));
  }, 20_000);

  it("is not offered before the account can sign in", async () => {
    const s = sampleStatus();
    s.account.has_password = false;
    backend(s);
    renderApp("setup");
    expect(await screen.findByTestId("admin-change")).toBeDisabled();
    expect(screen.getByTestId("admin-needs-password")).toBeInTheDocument();
  });
});
