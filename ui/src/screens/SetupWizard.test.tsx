import { emit } from "@tauri-apps/api/event";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { AppStatus } from "../bindings/AppStatus";
import type { EasypostSetup } from "../bindings/EasypostSetup";
import type { EpostSetup } from "../bindings/EpostSetup";
import { sampleEasypostReach, sampleEasypostStatus, sampleLetter, sampleStatus } from "../dev/sample";
import { appBackend } from "../test/backend";
import { renderApp } from "../test/render";

function backend({ pending = true, status = sampleStatus() }: { pending?: boolean; status?: AppStatus } = {}) {
  const testLetter = sampleLetter({ id: 99, file_name: "Postdesk-test-letter-1.pdf", state: "queued" });
  const { calls } = appBackend({ status, pending }, (cmd, a, app) => {
    switch (cmd) {
      case "create_company":
        app.current = sampleStatus({ environment: "test", company: { id: 3, name: a.name as string, is_sandbox: false } });
        app.current.account = { ...app.current.account, environment: "test", has_password: false, has_secret: false, settings: { epost: { ekp: "", test_email: "" } }, prefs: { ...app.current.account.prefs, test_mode: true } };
        return app.current;
      case "save_epost_setup": {
        const setup = a.setup as EpostSetup;
        app.current = { ...app.current, account: { ...app.current.account, settings: { epost: setup.epost }, prefs: setup.prefs, defaults: setup.defaults } };
        return app.current;
      }
      case "wizard_test_letter":
        return testLetter;
      case "create_easypost_company":
        app.current = sampleEasypostStatus({}, false);
        app.current = { ...app.current, company: { ...app.current.company, name: a.name as string } };
        return app.current;
      case "easypost_test_connection":
        return sampleEasypostReach();
      case "epost_set_password":
        if (a.smsCode !== "123456") throw { code: "pin_wrong", message: "wrong", details: "E012 (HTTP 400)" };
        app.current = { ...app.current, account: { ...app.current.account, has_password: true, has_secret: true } };
        return app.current;
    }
  });
  return { calls, testLetter };
}

describe("Setup assistant", () => {
  it("opens on first start; sandbox path, defaults with the duplex/registered rule, a test letter, finish", async () => {
    const user = userEvent.setup();
    const { calls, testLetter } = backend({ status: sampleStatus({ account: { ...sampleStatus().account, defaults: { color: false, duplex: false, registered: "none", cover_letter: false, postage: "standard", channel: "postal" } } }) });
    renderApp("send");
    await user.click(await screen.findByTestId("wizard-choose-sandbox"));
    expect(await screen.findByTestId("wizard-sandbox-ready")).toBeInTheDocument();
    await user.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByTestId("wizard-password-ready")).toHaveTextContent("already in the system keychain");
    await user.click(screen.getByTestId("wizard-next"));

    // Duplex on: registered shows why it is limited, and the reason is spelled out.
    await user.click(await screen.findByTestId("wizard-duplex"));
    expect(screen.getByText(/Only “No” while duplex is on/)).toBeInTheDocument();
    expect(screen.getByTestId("wizard-conflict-reason")).toHaveTextContent("cannot be combined");
    await user.click(screen.getByTestId("wizard-color"));
    await user.click(screen.getByTestId("wizard-next"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "save_epost_setup")).toBe(true));
    const saved = calls.find((c) => c.cmd === "save_epost_setup")!.args.setup as { defaults: unknown };
    expect(saved.defaults).toEqual({ color: true, duplex: true, registered: "none", cover_letter: false, postage: "standard", channel: "postal" });

    await user.click(await screen.findByTestId("wizard-send-test"));
    const box = await screen.findByTestId("wizard-test-letter");
    expect(within(box).getByTestId("job-status")).toHaveAttribute("data-state", "queued");
    await act(() => emit("jobs-changed", { ...testLetter, state: "accepted" }));
    await waitFor(() => expect(within(box).getByTestId("job-status")).toHaveAttribute("data-state", "accepted"));

    await user.click(screen.getByTestId("wizard-next"));
    await user.click(await screen.findByTestId("wizard-finish"));
    await waitFor(() => expect(screen.queryByTestId("wizard-done")).not.toBeInTheDocument());
    expect(calls.some((c) => c.cmd === "wizard_finish")).toBe(true);
  }, 30_000);

  it("own account: validates the EKP and the test e-mail before creating the company", async () => {
    const user = userEvent.setup();
    const { calls } = backend();
    renderApp("send");
    await user.click(await screen.findByTestId("wizard-choose-account"));
    await user.type(await screen.findByTestId("wizard-company"), "ACME GmbH");
    await user.type(screen.getByTestId("wizard-ekp"), "123456789");
    await user.type(screen.getByTestId("wizard-test-email"), "test@acme");
    await user.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByText("The EKP must be exactly 10 characters long.")).toBeInTheDocument();
    expect(screen.getByText("Enter a valid e-mail address, e.g. name@company.de.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "create_company")).toBe(false);

    await user.type(screen.getByTestId("wizard-ekp"), "0");
    await user.type(screen.getByTestId("wizard-test-email"), ".de");
    await user.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByTestId("wizard-request-pin")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "create_company")?.args).toEqual({ name: "ACME GmbH" });
    const setup = calls.find((c) => c.cmd === "save_epost_setup")!.args.setup as EpostSetup;
    expect(setup.epost).toMatchObject({ ekp: "1234567890", test_email: "test@acme.de" });
    expect(setup.prefs.test_mode).toBe(true);

    // Password: SMS PIN requested, fields checked, a wrong PIN explained, the right one moves on.
    await user.click(screen.getByTestId("wizard-request-pin"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "epost_request_sms")).toBe(true));
    await user.type(await screen.findByTestId("wizard-pin"), "12");
    await user.type(screen.getByTestId("wizard-new-password"), "Sommer-2026!");
    await user.type(screen.getByTestId("wizard-repeat-password"), "Sommer-2027!");
    await user.click(screen.getByTestId("wizard-password-ok"));
    expect(await screen.findByText("The PIN has exactly 6 digits.")).toBeInTheDocument();
    expect(screen.getByText("The two passwords are not the same.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "epost_set_password")).toBe(false);
    await user.clear(screen.getByTestId("wizard-pin"));
    await user.type(screen.getByTestId("wizard-pin"), "000000");
    await user.clear(screen.getByTestId("wizard-repeat-password"));
    await user.type(screen.getByTestId("wizard-repeat-password"), "Sommer-2026!");
    await user.click(screen.getByTestId("wizard-password-ok"));
    expect(await screen.findByText(/The PIN is not correct/)).toBeInTheDocument();
    await user.clear(screen.getByTestId("wizard-pin"));
    await user.type(screen.getByTestId("wizard-pin"), "123456");
    await user.click(screen.getByTestId("wizard-password-ok"));
    expect(await screen.findByTestId("wizard-duplex")).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "epost_set_password").at(-1)?.args).toEqual({ smsCode: "123456", newPassword: "Sommer-2026!" });
  }, 40_000);

  it("EasyPost with an OAuth2 client: the way in saved, then the secret stored, then the test of that way in; Next after a workflow is picked", async () => {
    const user = userEvent.setup();
    const { calls } = backend();
    renderApp("send");
    await user.click(await screen.findByTestId("wizard-choose-account"));
    await user.click(await screen.findByTestId("wizard-provider"));
    await user.click(await screen.findByTestId("wizard-provider-easypost"));
    await user.type(await screen.findByTestId("wizard-company"), "Peeters BV");
    await user.click(within(screen.getByTestId("easypost-auth")).getByText("OAuth2 client"));
    // The client instead of the key; the token address only for production; the certificate optional.
    expect(screen.queryByTestId("wizard-easypost-key")).toBeNull();
    expect(screen.queryByTestId("wizard-easypost-token-url")).toBeNull();
    expect(screen.getByTestId("easypost-certificate-path")).toHaveValue("");
    expect(screen.getByTestId("wizard-next")).toBeDisabled();

    // Nothing typed: said at the fields, nothing created.
    await user.click(screen.getByTestId("wizard-easypost-test"));
    expect(await screen.findByText("Enter the client id EasyPost gave you.")).toBeInTheDocument();
    expect(screen.getByText("Paste the client secret EasyPost gave you.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "create_easypost_company")).toBe(false);

    await user.type(screen.getByTestId("wizard-easypost-client-id"), "peeters-client");
    await user.type(screen.getByTestId("wizard-easypost-client-secret"), "s3cret-0f-peeters");
    await user.click(screen.getByTestId("wizard-easypost-test"));
    expect(await screen.findByTestId("wizard-easypost-reach-ok")).toBeInTheDocument();

    const order = ["create_easypost_company", "save_easypost_setup", "easypost_set_key", "easypost_test_connection"];
    const made = calls.filter((c) => order.includes(c.cmd));
    expect(made.map((c) => c.cmd)).toEqual(order);
    expect(made[0].args).toEqual({ name: "Peeters BV", inSandbox: false });
    expect((made[1].args.setup as EasypostSetup).easypost).toMatchObject({ host: "development", auth: "oauth2", client_id: "peeters-client", token_url: "", certificate_path: "" });
    expect(made[2].args).toEqual({ key: "s3cret-0f-peeters", which: "client_secret" });
    // The secret goes to the keychain only, and the field forgets it.
    expect(JSON.stringify(calls.filter((c) => c.cmd === "save_easypost_setup"))).not.toContain("s3cret");
    expect(screen.getByTestId("wizard-easypost-client-secret")).toHaveValue("");

    expect(screen.getByTestId("wizard-next")).toBeDisabled();
    await user.click(screen.getByTestId("wizard-easypost-workflow-wf_post"));
    expect(screen.getByTestId("wizard-next")).not.toBeDisabled();
    await user.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByTestId("wizard-done")).toBeInTheDocument();
    const last = calls.filter((c) => c.cmd === "save_easypost_setup").at(-1)!.args.setup as EasypostSetup;
    expect(last.easypost).toMatchObject({ auth: "oauth2", client_id: "peeters-client", workflow_id: "wf_post" });
  }, 60_000);

  it("stays shut when finished before, and Settings opens it again", async () => {
    const user = userEvent.setup();
    backend({ pending: false });
    renderApp("settings");
    await user.click(await screen.findByTestId("settings-run-wizard"));
    expect(await screen.findByTestId("wizard-choose-sandbox")).toBeInTheDocument();
  });

  it("Setup opens it, too", async () => {
    const user = userEvent.setup();
    backend({ pending: false });
    renderApp("setup");
    await user.click(await screen.findByTestId("setup-run-wizard"));
    expect(await screen.findByTestId("wizard-choose-sandbox")).toBeInTheDocument();
  });
});
