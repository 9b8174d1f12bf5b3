import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { AppStatus } from "../../bindings/AppStatus";
import type { EasypostSettings } from "../../bindings/EasypostSettings";
import type { EasypostSetup } from "../../bindings/EasypostSetup";
import { sampleEasypostReach, sampleEasypostStatus, sampleStatus } from "../../dev/sample";
import i18n from "../../i18n";
import { appBackend } from "../../test/backend";
import { renderApp } from "../../test/render";
import { channelText, productionUrlError, unusableReasons } from "./EasypostParts";

const REACH = sampleEasypostReach();

const settings = (over: Partial<EasypostSettings> = {}): EasypostSettings => ({
  host: "development",
  production_url: "",
  auth: "api_key",
  client_id: "",
  token_url: "",
  certificate_path: "",
  workflow_id: "",
  workflow_name: "",
  workflow_channels: [],
  ...over,
});

const easypostStatus = (s: EasypostSettings = settings(), hasKey = false): AppStatus => sampleEasypostStatus(s, hasKey);

function backend(status: AppStatus, opts: { testError?: unknown; pending?: boolean } = {}) {
  const { calls } = appBackend({ status, pending: opts.pending ?? false }, (cmd, a, app) => {
    switch (cmd) {
      case "create_easypost_company":
        app.current = easypostStatus();
        app.current = { ...app.current, company: { ...app.current.company, name: a.name as string }, environment: a.inSandbox ? "sandbox" : "live" };
        return app.current;
      case "plugin:dialog|open":
        return "/home/clerk/certs/peeters.p12";
      case "easypost_test_connection":
        if (opts.testError) throw opts.testError;
        return REACH;
    }
  });
  return { calls, last: (cmd: string) => calls.filter((c) => c.cmd === cmd).at(-1)?.args };
}

describe("EasyPost pieces", () => {
  it("say why a workflow cannot take letters, and name channels in words", () => {
    expect(unusableReasons(REACH.workflows[0]!)).toEqual([]);
    expect(unusableReasons(REACH.workflows[2]!)).toEqual(["easypost.notPdf"]);
    expect(unusableReasons({ ...REACH.workflows[2]!, status: "INACTIVE" })).toEqual(["easypost.notPdf", "easypost.inactive"]);
    const t = i18n.getFixedT("fr");
    expect(channelText(t, "REGISTERED_MAIL")).toBe("Envoi recommandé");
    expect(channelText(i18n.getFixedT("nl"), "EBOX")).toBe("eBox (digitale brievenbus)");
    expect(channelText(t, "FAX")).toBe("FAX");
  });

  it("take only an https production address", () => {
    expect(productionUrlError("https://api.connect.easypost.eu")).toBe(false);
    expect(productionUrlError("http://api.connect.easypost.eu")).toBe(true);
    expect(productionUrlError("api.connect.easypost.eu")).toBe(true);
    expect(productionUrlError("")).toBe(true);
  });
});

describe("EasyPost Setup", () => {
  it("shows the saved workflow without a call; the test lists workflows, unusable ones disabled; Save sends the pick", async () => {
    const user = userEvent.setup();
    const { calls, last } = backend(easypostStatus(settings({ workflow_id: "wf_post", workflow_name: "Letters by post", workflow_channels: ["POSTAL_MAIL"] }), true));
    renderApp("setup");

    const saved = await screen.findByTestId("easypost-workflow-saved");
    expect(saved).toHaveTextContent("Letters by post");
    expect(saved).toHaveTextContent("Printed and posted");
    expect(calls.some((c) => c.cmd === "easypost_test_connection")).toBe(false);
    expect(screen.getByTestId("easypost-key")).toHaveAttribute("placeholder", "•••••• (set)");
    // No test mode: the development host is the test.
    expect(screen.queryByTestId("setup-test-mode")).toBeNull();
    expect((screen.getByTestId("easypost-save") as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByTestId("easypost-test"));
    expect(await screen.findByTestId("easypost-reach-ok")).toBeInTheDocument();
    const reg = screen.getByTestId("easypost-workflow-wf_reg");
    expect(reg).toHaveTextContent("eBox (digital mailbox)");
    expect(reg).toHaveTextContent("Registered letter");
    expect(screen.getByTestId("easypost-workflow-wf_post")).toHaveAttribute("aria-checked", "true");
    expect(screen.getByTestId("easypost-workflow-wf_word")).toBeDisabled();
    expect(screen.getByTestId("easypost-workflow-wf_word-why")).toHaveTextContent("Takes a data payload, not a PDF");
    expect(screen.getByTestId("easypost-workflow-wf_old")).toBeDisabled();
    expect(screen.getByTestId("easypost-workflow-wf_old-why")).toHaveTextContent("Inactive");
    expect(screen.getByTestId("easypost-workflow-wf_word")).toHaveTextContent("Peppol e-invoice");

    // A disabled one cannot be picked; a usable one can, and Save sends it.
    await user.click(screen.getByTestId("easypost-workflow-wf_word"));
    expect(screen.getByTestId("easypost-workflow-wf_word")).toHaveAttribute("aria-checked", "false");
    await user.click(reg);
    expect(reg).toHaveAttribute("aria-checked", "true");
    await user.click(screen.getByTestId("easypost-save"));
    await waitFor(() => expect(last("save_easypost_setup")).toBeDefined());
    const setup = last("save_easypost_setup")!.setup as EasypostSetup;
    expect(setup.easypost).toEqual(settings({ workflow_id: "wf_reg", workflow_name: "eBox, else registered", workflow_channels: ["EBOX", "REGISTERED_MAIL"] }));
    expect(setup.prefs.test_mode).toBe(false);
    // After saving: the saved workflow, by name, without another call.
    expect(await screen.findByTestId("easypost-workflow-saved")).toHaveTextContent("eBox, else registered");
    expect(calls.filter((c) => c.cmd === "easypost_test_connection")).toHaveLength(1);
  }, 30_000);

  it("production needs an https address, and the test waits for the host to be saved", async () => {
    const user = userEvent.setup();
    const { last } = backend(easypostStatus());
    renderApp("setup");
    expect(await screen.findByTestId("easypost-workflow-saved")).toHaveTextContent("No workflow picked yet");
    await user.click(screen.getByTestId("easypost-host-production"));
    expect(screen.getByTestId("easypost-test")).toBeDisabled();
    const url = screen.getByTestId("easypost-production-url");
    await user.type(url, "http://api.connect.easypost.eu");
    await user.click(screen.getByTestId("easypost-save"));
    expect(await screen.findByText("Enter the production address from your contract, starting with https://.")).toBeInTheDocument();
    expect(last("save_easypost_setup")).toBeUndefined();
    await user.clear(url);
    await user.type(url, "https://api.connect.easypost.eu/ ");
    await user.click(screen.getByTestId("easypost-save"));
    await waitFor(() => expect(last("save_easypost_setup")).toBeDefined());
    expect((last("save_easypost_setup")!.setup as EasypostSetup).easypost).toMatchObject({ host: "production", production_url: "https://api.connect.easypost.eu/" });
    await waitFor(() => expect(screen.getByTestId("easypost-test")).not.toBeDisabled());
  }, 60_000);

  it("stores the pasted key once, and words a refused key by its code", async () => {
    const user = userEvent.setup();
    const { last } = backend(easypostStatus(), { testError: { code: "easypost_key_invalid", message: "core English", details: "401 INVALID_API_KEY" } });
    renderApp("setup");
    const key = await screen.findByTestId("easypost-key");
    expect(key).toHaveAttribute("placeholder", "not set");
    expect(screen.getByTestId("easypost-key-save")).toBeDisabled();
    await user.type(key, "  ep_live_123  ");
    await user.click(screen.getByTestId("easypost-key-save"));
    await waitFor(() => expect(last("easypost_set_key")).toEqual({ key: "ep_live_123" }));
    await waitFor(() => expect(screen.getByTestId("easypost-key")).toHaveValue(""));
    expect(screen.getByTestId("easypost-key")).toHaveAttribute("placeholder", "•••••• (set)");

    await user.click(screen.getByTestId("easypost-test"));
    expect(await screen.findByText(/EasyPost Connect does not accept this API key/)).toBeInTheDocument();
    expect(screen.queryByText("core English")).toBeNull();
    expect(screen.queryByTestId("easypost-reach-ok")).toBeNull();
  }, 30_000);

  it("OAuth2: client id saved with the setup, the secret and the certificate password only to the keychain; wrong password worded by its code", async () => {
    const user = userEvent.setup();
    const wrong = { code: "easypost_cert_password_wrong", message: "core English", details: "mac mismatch" };
    const { calls, last } = backend(easypostStatus(), { testError: wrong });
    renderApp("setup");
    await screen.findByTestId("easypost-key");
    expect(screen.queryByTestId("easypost-client-id")).toBeNull();
    await user.click(within(screen.getByTestId("easypost-auth")).getByText("OAuth2 client"));
    expect(screen.queryByTestId("easypost-key")).toBeNull();
    await user.type(screen.getByTestId("easypost-client-id"), "  peeters-client ");
    // The test talks to the saved setup: a changed way in is saved first.
    expect(screen.getByTestId("easypost-test")).toBeDisabled();

    const secret = screen.getByTestId("easypost-client-secret");
    expect(secret).toHaveAttribute("placeholder", "not set");
    await user.type(secret, " s3cr3t ");
    await user.click(screen.getByTestId("easypost-client-secret-save"));
    await waitFor(() => expect(last("easypost_set_key")).toEqual({ key: "s3cr3t", which: "client_secret" }));
    await waitFor(() => expect(screen.getByTestId("easypost-client-secret")).toHaveValue(""));
    expect(screen.getByTestId("easypost-client-secret")).toHaveAttribute("placeholder", "•••••• (set)");

    // The certificate: picked with the system dialog, its password to the keychain as typed.
    expect(screen.queryByTestId("easypost-certificate-password")).toBeNull();
    await user.click(screen.getByTestId("easypost-certificate-choose"));
    await waitFor(() => expect(screen.getByTestId("easypost-certificate-path")).toHaveValue("/home/clerk/certs/peeters.p12"));
    await user.type(screen.getByTestId("easypost-certificate-password"), " pw ");
    await user.click(screen.getByTestId("easypost-certificate-password-save"));
    await waitFor(() => expect(last("easypost_set_key")).toEqual({ key: " pw ", which: "certificate_password" }));

    await user.click(screen.getByTestId("easypost-save"));
    await waitFor(() => expect(last("save_easypost_setup")).toBeDefined());
    const saved = (last("save_easypost_setup")!.setup as EasypostSetup).easypost;
    expect(saved).toMatchObject({ auth: "oauth2", client_id: "peeters-client", certificate_path: "/home/clerk/certs/peeters.p12" });
    // No secret ever goes with the setup.
    expect(JSON.stringify(calls.filter((c) => c.cmd !== "easypost_set_key"))).not.toMatch(/s3cr3t| pw /);

    await waitFor(() => expect(screen.getByTestId("easypost-test")).not.toBeDisabled());
    await user.click(screen.getByTestId("easypost-test"));
    expect(await screen.findByText(/The password does not open the client certificate/)).toBeInTheDocument();
    expect(screen.queryByText("core English")).toBeNull();
  }, 60_000);

  it("New company offers EasyPost, in the sandbox or with an own account", async () => {
    const user = userEvent.setup();
    const { last } = backend(sampleStatus());
    renderApp("setup");
    await user.click(await screen.findByTestId("setup-new-company"));
    const modal = await screen.findByTestId("new-company-modal");
    await user.type(within(modal).getByTestId("new-company-name"), "Dupont SRL");
    await user.click(within(modal).getByTestId("new-company-provider"));
    await user.click(await screen.findByTestId("new-company-provider-easypost"));
    expect(await within(modal).findByText("In Postdesk’s sandbox (no EasyPost account needed)")).toBeInTheDocument();
    await user.click(within(modal).getByTestId("new-company-create"));
    await waitFor(() => expect(last("create_easypost_company")).toEqual({ name: "Dupont SRL", inSandbox: true }));
  }, 30_000);
});

describe("EasyPost in the setup assistant", () => {
  it("own account: key, host and test on one page; Next only after a clean test and a picked workflow", async () => {
    const user = userEvent.setup();
    const { calls, last } = backend(sampleStatus(), { pending: true });
    renderApp("send");
    await user.click(await screen.findByTestId("wizard-choose-account"));
    await user.click(await screen.findByTestId("wizard-provider"));
    await user.click(await screen.findByTestId("wizard-provider-easypost"));
    expect(await screen.findByText(/Enter what EasyPost gave you with the contract/)).toBeInTheDocument();
    // Only Welcome and Account: no password, letter options or test letter for EasyPost.
    expect(screen.getByTestId("wizard-step-account")).toBeInTheDocument();
    for (const step of ["password", "defaults", "test"]) expect(screen.queryByTestId(`wizard-step-${step}`)).toBeNull();
    expect(screen.getByTestId("wizard-next")).toBeDisabled();

    // Nothing typed: said at the fields, nothing created.
    await user.click(screen.getByTestId("wizard-easypost-test"));
    expect(await screen.findByText("Paste the API key EasyPost gave you.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "create_easypost_company")).toBe(false);

    await user.type(screen.getByTestId("wizard-company"), "Dupont SRL");
    await user.type(screen.getByTestId("wizard-easypost-key"), "ep_dev_456");
    await user.click(screen.getByTestId("wizard-easypost-test"));
    expect(await screen.findByTestId("wizard-easypost-reach-ok")).toBeInTheDocument();
    expect(last("create_easypost_company")).toEqual({ name: "Dupont SRL", inSandbox: false });
    expect((last("save_easypost_setup")!.setup as EasypostSetup).easypost.host).toBe("development");
    expect(last("easypost_set_key")).toEqual({ key: "ep_dev_456" });
    expect(screen.getByTestId("wizard-easypost-key")).toHaveValue("");
    expect(screen.getByTestId("wizard-next")).toBeDisabled();
    expect(screen.getByTestId("wizard-easypost-pick-hint")).toBeInTheDocument();
    expect(screen.getByTestId("wizard-easypost-workflow-wf_old")).toBeDisabled();

    await user.click(screen.getByTestId("wizard-easypost-workflow-wf_post"));
    expect(screen.getByTestId("wizard-next")).not.toBeDisabled();
    await user.click(screen.getByTestId("wizard-next"));
    expect(await screen.findByTestId("wizard-done")).toBeInTheDocument();
    expect((last("save_easypost_setup")!.setup as EasypostSetup).easypost).toMatchObject({
      host: "development",
      workflow_id: "wf_post",
      workflow_name: "Letters by post",
      workflow_channels: ["POSTAL_MAIL"],
    });
    expect(calls.filter((c) => c.cmd === "create_easypost_company")).toHaveLength(1);
  }, 40_000);

  it("an EasyPost company in Postdesk's sandbox: no host or key to enter, the test lists the simulator's workflows", async () => {
    const user = userEvent.setup();
    const sandboxed = sampleEasypostStatus({}, true);
    const { calls } = backend({ ...sandboxed, environment: "sandbox", account: { ...sandboxed.account, environment: "sandbox" } }, { pending: true });
    renderApp("send");
    await user.click(await screen.findByTestId("wizard-choose-account"));
    expect(await screen.findByTestId("wizard-easypost-sandbox-note")).toBeInTheDocument();
    expect(screen.queryByTestId("wizard-easypost-key")).toBeNull();
    expect(screen.queryByTestId("wizard-easypost-host-production")).toBeNull();
    await user.click(screen.getByTestId("wizard-easypost-test"));
    expect(await screen.findByTestId("wizard-easypost-reach-ok")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "save_easypost_setup" || c.cmd === "easypost_set_key" || c.cmd === "create_easypost_company")).toBe(false);
  }, 30_000);
});
