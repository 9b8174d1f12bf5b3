// The first-run setup assistant (UX.md "First-run wizard"): Welcome (sandbox or
// own account) → Account → Password (SMS PIN) → Sending defaults → Test letter →
// Done. Every step can go back; closing it leaves whatever was saved (the sandbox
// always works), and Settings opens it again.
import {
  Alert, Button, Group, Modal, Paper, PasswordInput, Select, SimpleGrid, Stack, Stepper, Switch, Text, TextInput, ThemeIcon, Title, UnstyledButton,
  type PasswordInputProps,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCheck, IconFlask, IconPlugConnected } from "@tabler/icons-react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import {
  createCompany, createEasypostCompany, createEkopostCompany, createPostiCompany, easypostSetKey, easypostTestConnection, ekopostSetSecret, epostRequestSms, epostSetPassword, onJobsChanged, keychainRetry, postiSetKey, postiTestConnection,
  saveEasypostSetup, saveEkopostSetup, saveEpostSetup, savePostiSetup, subscribe, switchCompany, testConnection, wizardFinish, wizardTestLetter,
} from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import type { EasypostAuth } from "../bindings/EasypostAuth";
import type { EasypostHost } from "../bindings/EasypostHost";
import type { EasypostReach } from "../bindings/EasypostReach";
import type { EasypostWorkflow } from "../bindings/EasypostWorkflow";
import type { Letter } from "../bindings/Letter";
import type { PostiReach } from "../bindings/PostiReach";
import type { RegisteredLetter } from "../bindings/RegisteredLetter";
import type { SendOptions } from "../bindings/SendOptions";
import { ErrorNotice } from "../components/ErrorNotice";
import { StatusChip } from "../components/StatusChip";
import { epostSettings } from "../lib/account";
import { validateAccountStep } from "../lib/wizard";
import { useAttempt } from "../hooks/useAttempt";
import { useNewPasswordForm } from "../hooks/useSetupForm";
import { AuthChoice, CertificateFields } from "../providers/easypost/EasypostAuthParts";
import { easypostSettings, HostFields, productionUrlError, usable, WorkflowPicker } from "../providers/easypost/EasypostParts";
import { InView, PostiGuide, PostiReachResult, PostiScope } from "../providers/posti/PostiGuide";
import { agreementText, splitIds } from "../providers/posti/PostiSetup";
import { KEYCHAIN_AFTER_CHANGE, ProviderSelect } from "./SetupScreen";

type Path = "sandbox" | "account";
/** Which provider a new company of the own-account path sends through. */
type NewProvider = "epost" | "ekopost" | "posti" | "easypost";

function Choice({ icon, title, hint, selected, onClick, testId, autoFocus }: { icon: ReactNode; title: string; hint: string; selected: boolean; onClick: () => void; testId: string; autoFocus?: boolean }) {
  return (
    <UnstyledButton onClick={onClick} data-testid={testId} aria-pressed={selected} style={{ display: "block" }} data-autofocus={autoFocus || undefined}>
      <Paper withBorder radius="md" p="lg" h="100%" style={{ borderColor: selected ? "var(--mantine-color-blue-filled)" : undefined, borderWidth: selected ? 2 : 1 }}>
        <Group wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light" style={{ flexShrink: 0 }}>{icon}</ThemeIcon>
          <Stack gap={4}>
            <Text fw={600}>{title}</Text>
            <Text size="sm" c="dimmed">{hint}</Text>
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/** The company's name: typed for a new company (from Postdesk's sandbox), else the current one's, read only. */
function CompanyField({ editable, name, inputProps, autoFocus }: { editable: boolean; name: string; inputProps: object; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return editable ? (
    <TextInput label={t("wizard.companyName")} description={t("wizard.companyHelp")} data-testid="wizard-company" data-autofocus={autoFocus || undefined} {...inputProps} />
  ) : (
    <TextInput label={t("wizard.companyName")} description={t("wizard.companyHelp")} readOnly value={name} data-testid="wizard-company" />
  );
}

/** A secret typed once: its field says when one is in the keychain already. */
function SecretInput({ stored, ...props }: PasswordInputProps & { stored: boolean }) {
  const { t } = useTranslation();
  return <PasswordInput placeholder={stored ? `•••••• (${t("setup.masked")})` : undefined} {...props} />;
}

/** A step's error, scrolled into view each time it is another. */
function StepError({ error }: { error: AppError | null }) {
  return error ? (
    <InView key={error.code + error.message}>
      <ErrorNotice error={error} />
    </InView>
  ) : null;
}

export function SetupWizard({
  opened, status, onStatus, onClose, onOpenJobs,
}: { opened: boolean; status: AppStatus; onStatus: (s: AppStatus) => void; onClose: () => void; onOpenJobs: () => void }) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const [path, setPath] = useState<Path | null>(null);
  const { busy: running, error, setError, attempt } = useAttempt();
  const busy = running !== null;
  const [pinSent, setPinSent] = useState(false);
  const [defaults, setDefaults] = useState<SendOptions>(status.account.defaults);
  const [letter, setLetter] = useState<Letter | null>(null);
  const [provider, setProvider] = useState<NewProvider>("epost");
  const ekopost = useForm({
    mode: "controlled",
    initialValues: { company: "", production: false, apiKey: "" },
    validate: {
      company: (c) => (c.trim() || !status.company.is_sandbox ? null : t("setup.errors.companyName")),
      apiKey: (k) => (k.trim() ? null : t("ekopost.errors.secret")),
    },
  });
  const isEkopost = status.account.provider === "ekopost";
  const isPosti = status.account.provider === "posti";
  const posti = useForm({
    mode: "controlled",
    initialValues: { company: "", apiKey: "", ids: "" },
    validate: {
      company: (c) => (c.trim() || !status.company.is_sandbox ? null : t("setup.errors.companyName")),
      apiKey: (k) => (k.trim() || (isPosti && status.account.has_secret) ? null : t("posti.errors.apiKey")),
      ids: (x) => (splitIds(x).length ? null : t("posti.errors.agreementIds")),
    },
  });
  const [reach, setReach] = useState<PostiReach | null>(null);
  // Posti's key is proved on the account step; no password, defaults or test letter follow.
  const postiPath = path === "account" && provider === "posti" && (status.company.is_sandbox || isPosti);
  const isEasypost = status.account.provider === "easypost";
  // An EasyPost company in Postdesk's sandbox: the simulator's host and key are set already.
  const easypostSandbox = isEasypost && status.account.environment === "sandbox";
  // Which of the EasyPost company's secrets are in the keychain (never their values).
  const easypostSecrets = isEasypost
    ? (status.account.easypost_secrets ?? { api_key: status.account.has_secret, client_secret: false, certificate_password: false })
    : { api_key: false, client_secret: false, certificate_password: false };
  // The secrets are typed here and stored (then cleared) by the test, like the API key.
  const easypost = useForm({
    mode: "controlled",
    initialValues: {
      company: "", host: "development" as EasypostHost, url: "", auth: "api_key" as EasypostAuth, clientId: "", tokenUrl: "", certPath: "",
      apiKey: "", clientSecret: "", certPassword: "",
    },
    validate: {
      company: (c) => (c.trim() || !status.company.is_sandbox ? null : t("setup.errors.companyName")),
      url: (u, v) => (v.host === "production" && productionUrlError(u) ? t("easypost.errors.productionUrl") : null),
      apiKey: (k, v) => (easypostSandbox || v.auth !== "api_key" || k.trim() || easypostSecrets.api_key ? null : t("easypost.errors.apiKey")),
      clientId: (c, v) => (easypostSandbox || v.auth !== "oauth2" || c.trim() ? null : t("easypost.errors.clientId")),
      clientSecret: (k, v) => (easypostSandbox || v.auth !== "oauth2" || k.trim() || easypostSecrets.client_secret ? null : t("easypost.errors.clientSecret")),
    },
  });
  const [easypostReach, setEasypostReach] = useState<EasypostReach | null>(null);
  const [workflow, setWorkflow] = useState<EasypostWorkflow | null>(null);
  // EasyPost's key and workflow are settled on the account step: it has no password, no
  // letter options of its own (the workflow decides) and no test mode for a test letter.
  const easypostPath = path === "account" && provider === "easypost" && (status.company.is_sandbox || isEasypost);
  const shortPath = postiPath || easypostPath;

  const account = useForm({
    mode: "controlled",
    initialValues: { company: "", ekp: "", testEmail: "" },
    validateInputOnChange: true,
    validate: (v) => {
      const e = validateAccountStep(v, status.company.is_sandbox, status.provider);
      return Object.fromEntries(Object.entries(e).map(([k, key]) => [k, key ? t(key) : null]));
    },
  });
  const password = useNewPasswordForm();

  // Each opening starts at the welcome step with what is stored now (reset on
  // closing, too, so a reopened assistant does not animate back from the last step).
  useEffect(() => {
    setActive(0);
    setPath(null);
    setError(null);
    setPinSent(false);
    setLetter(null);
    setProvider(status.account.provider === "ekopost" || status.account.provider === "posti" || status.account.provider === "easypost" ? status.account.provider : "epost");
    ekopost.reset();
    posti.setValues({ company: "", apiKey: "", ids: agreementText(status) });
    setReach(null);
    {
      const e = easypostSettings(status.account.settings);
      easypost.setValues({
        company: "", host: e.host, url: e.production_url, auth: e.auth, clientId: e.client_id, tokenUrl: e.token_url, certPath: e.certificate_path,
        apiKey: "", clientSecret: "", certPassword: "",
      });
    }
    setEasypostReach(null);
    setWorkflow(null);
    setDefaults(status.account.defaults);
    account.setValues({
      company: status.company.is_sandbox ? "" : status.company.name,
      ekp: status.company.is_sandbox ? "" : epostSettings(status.account).ekp,
      testEmail: status.company.is_sandbox ? "" : epostSettings(status.account).test_email,
    });
    password.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  // The test letter's state, live from the backend's events.
  useEffect(() => {
    if (!letter) return;
    return subscribe(() => onJobsChanged((l) => l.id === letter.id && setLetter(l)));
  }, [letter?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const go = (step: number) => {
    setError(null);
    setActive(step);
  };

  const close = () => {
    void wizardFinish().catch(() => undefined);
    onClose();
  };

  const chooseSandbox = () =>
    attempt(async () => {
      setPath("sandbox");
      const sandbox = status.companies.find((c) => c.is_sandbox);
      let s = status;
      if (sandbox && !status.company.is_sandbox) {
        s = await switchCompany(sandbox.id);
        onStatus(s);
      }
      setDefaults(s.account.defaults);
      go(1);
    });

  const chooseAccount = () => {
    setPath("account");
    go(1);
  };

  /** Account step (own account): a company of its own, then EKP + test e-mail, test mode on. */
  const saveAccount = () =>
    attempt(async () => {
      if (account.validate().hasErrors) return;
      const v = account.values;
      let s = status;
      if (status.company.is_sandbox) s = await createCompany(v.company.trim());
      s = await saveEpostSetup({
        epost: { ...epostSettings(s.account), ekp: v.ekp.trim(), test_email: v.testEmail.trim() },
        prefs: { ...s.account.prefs, test_mode: true },
        defaults: s.account.defaults,
      });
      onStatus(s);
      setDefaults(s.account.defaults);
      go(2);
    });

  /** Account step for Ekopost: a company of its own on Ekopost's host (its
   *  sandbox first), the API key into the keychain, then a connection test. */
  const saveEkopostAccount = () =>
    attempt(async () => {
      if (ekopost.validate().hasErrors) return;
      const v = ekopost.values;
      // Once made (a wrong key, then the right one), the company is this one.
      let s = status.company.is_sandbox ? await createEkopostCompany(v.company.trim(), false) : status;
      const settings = "ekopost" in s.account.settings ? s.account.settings.ekopost : null;
      s = await saveEkopostSetup({
        ekopost: { ekopost_sandbox: !v.production, auth: "api_key", username: "", cost_center: settings?.cost_center ?? "" },
        prefs: s.account.prefs,
        defaults: s.account.defaults,
      });
      s = await ekopostSetSecret(v.apiKey.trim());
      onStatus(s);
      setDefaults(s.account.defaults);
      ekopost.setFieldValue("apiKey", "");
      await testConnection();
      go(2);
    });

  /** Account step for Posti: a company of its own, the agreement ids, the key
   *  into the keychain, then the test that says which ids the key reaches. */
  const testPostiAccount = () =>
    attempt(async () => {
      setReach(null);
      if (posti.validate().hasErrors) return;
      const v = posti.values;
      // Once made (a wrong agreement id, then the right one), the company is this one.
      let s = status.company.is_sandbox ? await createPostiCompany(v.company.trim(), false) : status;
      s = await savePostiSetup({ posti: { agreement_ids: splitIds(v.ids) }, prefs: s.account.prefs });
      if (v.apiKey.trim()) s = await postiSetKey(v.apiKey.trim());
      onStatus(s);
      posti.setFieldValue("apiKey", "");
      setReach(await postiTestConnection());
    }, "posti");

  /** Account step for EasyPost: a company of its own, the host and the way in (API key or
   *  OAuth2 client, an optional client certificate) saved, the secrets into the keychain,
   *  then the test — of that way in — that lists the account's workflows to pick from. */
  const testEasypostAccount = () =>
    attempt(async () => {
      setEasypostReach(null);
      if (easypost.validate().hasErrors) return;
      const v = easypost.values;
      // Once made (a wrong key, then the right one), the company is this one.
      let s = status.company.is_sandbox ? await createEasypostCompany(v.company.trim(), false) : status;
      const saved = easypostSettings(s.account.settings);
      const oauth2 = v.auth === "oauth2";
      if (s.account.environment !== "sandbox") {
        s = await saveEasypostSetup({
          easypost: {
            ...saved,
            host: v.host,
            production_url: v.host === "production" ? v.url.trim() : saved.production_url,
            auth: v.auth,
            client_id: v.clientId.trim(),
            // The token address is asked for production only; the development API's is the default.
            token_url: v.host === "production" ? v.tokenUrl.trim() : "",
            certificate_path: v.certPath,
          },
          prefs: s.account.prefs,
        });
        if (oauth2 && v.clientSecret.trim()) s = await easypostSetKey(v.clientSecret.trim(), "client_secret");
        if (!oauth2 && v.apiKey.trim()) s = await easypostSetKey(v.apiKey.trim());
        if (v.certPath !== "" && v.certPassword !== "") s = await easypostSetKey(v.certPassword, "certificate_password");
      }
      onStatus(s);
      easypost.setValues({ apiKey: "", clientSecret: "", certPassword: "" });
      const r = await easypostTestConnection();
      setEasypostReach(r);
      // The workflow saved before stays picked if it still takes letters.
      setWorkflow((w) => r.workflows.find((x) => x.id === (w?.id ?? saved.workflow_id) && usable(x)) ?? null);
    }, "easypost");

  /** Next on EasyPost's account step: the picked workflow is saved. */
  const saveEasypostWorkflow = () =>
    attempt(async () => {
      if (!workflow) return;
      const saved = easypostSettings(status.account.settings);
      const s = await saveEasypostSetup({
        easypost: { ...saved, workflow_id: workflow.id, workflow_name: workflow.name, workflow_channels: [...workflow.channels] },
        prefs: status.account.prefs,
      });
      onStatus(s);
      go(5);
    }, "easypost-save");

  const requestPin = () =>
    attempt(async () => {
      await epostRequestSms();
      setPinSent(true);
    });

  const setPassword = password.onSubmit(({ pin, password: pw }) =>
    attempt(async () => {
      const s = await epostSetPassword(pin.trim(), pw);
      onStatus(s);
      password.reset();
      go(3);
    }),
  );

  /** "Try again" after the keychain refused the new password E-POST already took. */
  const retryKeychain = () =>
    attempt(async () => {
      const s = await keychainRetry();
      onStatus(s);
      password.reset();
      go(3);
    });

  const saveDefaults = () =>
    attempt(async () => {
      const s =
        "ekopost" in status.account.settings
          ? await saveEkopostSetup({ ekopost: status.account.settings.ekopost, prefs: status.account.prefs, defaults })
          : await saveEpostSetup({ epost: epostSettings(status.account), prefs: status.account.prefs, defaults });
      onStatus(s);
      go(4);
    });

  const sendTest = () =>
    attempt(async () => {
      setLetter(await wizardTestLetter());
    });

  const conflict = defaults.duplex || defaults.registered !== "none";
  const live = status.environment === "live";
  const hasPassword = status.account.has_password && status.account.has_secret;

  // A "skip" is a secondary button: the step's own action is the primary one.
  const nav = (next: () => void, opts: { nextLabel?: string; nextDisabled?: boolean; testId?: string; secondary?: boolean } = {}) => (
    <Group justify="space-between" mt="xl">
      <Button variant="default" onClick={() => go(active - 1)} disabled={busy} data-testid="wizard-back">{t("wizard.back")}</Button>
      <Button onClick={next} loading={busy} disabled={opts.nextDisabled} variant={opts.secondary ? "default" : "filled"} data-testid={opts.testId ?? "wizard-next"}>{opts.nextLabel ?? t("wizard.next")}</Button>
    </Group>
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      fullScreen
      title={<Text fw={600}>{t("wizard.title")}</Text>}
      closeButtonProps={{ "aria-label": t("wizard.close"), title: t("wizard.closeHint") }}
      closeOnClickOutside={false}
      data-testid="wizard"
      transitionProps={{ duration: 0 }}
    >
      <Stack maw={860} mx="auto" gap="lg" pb="xl">
        <Stepper active={active} size="sm" allowNextStepsSelect={false} onStepClick={(i) => i < active && go(i)}>
          <Stepper.Step label={t("wizard.stepWelcome")} data-testid="wizard-step-welcome">
            <Stack gap="md" mt="lg">
              <Title order={2} size="h3">{t("wizard.welcomeTitle")}</Title>
              <Text>{t("wizard.welcomeText")}</Text>
              <SimpleGrid cols={2} spacing="lg">
                <Choice icon={<IconFlask size={26} stroke={1.5} aria-hidden />} title={t("wizard.chooseSandbox")} hint={t("wizard.chooseSandboxHint")} selected={path === "sandbox"} onClick={() => void chooseSandbox()} testId="wizard-choose-sandbox" autoFocus />
                <Choice icon={<IconPlugConnected size={26} stroke={1.5} aria-hidden />} title={t("wizard.chooseAccount")} hint={t("wizard.chooseAccountHint")} selected={path === "account"} onClick={chooseAccount} testId="wizard-choose-account" />
              </SimpleGrid>
              {error && <ErrorNotice error={error} />}
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t("wizard.stepAccount")} data-testid="wizard-step-account">
            <Stack gap="md" mt="lg">
              {path === "sandbox" ? (
                <>
                  <Alert color="violet" variant="light" icon={<IconCheck aria-hidden />} data-testid="wizard-sandbox-ready">{t("wizard.sandboxReady")}</Alert>
                  {nav(() => go(2))}
                </>
              ) : (
                <>
                  {status.company.is_sandbox && (
                    <ProviderSelect testId="wizard-provider" w={320} value={provider} onChange={(v) => v && setProvider(v as NewProvider)} />
                  )}
                  {provider === "posti" && (status.company.is_sandbox || isPosti) ? (
                    <>
                      <Text size="sm">{t("posti.wizardIntro")}</Text>
                      <PostiScope />
                      <PostiGuide />
                      <Paper withBorder radius="md" p="md">
                        <Stack gap="sm">
                          <Text fw={600} size="sm">{t("posti.fields")}</Text>
                          <SimpleGrid cols={2} spacing="lg">
                            <CompanyField editable={status.company.is_sandbox} name={status.company.name} inputProps={posti.getInputProps("company")} />
                            <SecretInput
                              stored={isPosti && status.account.has_secret}
                              label={t("posti.apiKey")}
                              description={t("posti.apiKeyHelp")}
                              data-testid="wizard-posti-key"
                              {...posti.getInputProps("apiKey")}
                            />
                            <TextInput label={t("posti.agreementIds")} description={t("posti.agreementIdsHelp")} data-testid="wizard-posti-agreements" {...posti.getInputProps("ids")} />
                          </SimpleGrid>
                          {reach && <PostiReachResult reach={reach} />}
                        </Stack>
                      </Paper>
                      <StepError error={error} />
                      <Group justify="space-between" mt="xl">
                        <Button variant="default" onClick={() => go(0)} disabled={busy} data-testid="wizard-back">{t("wizard.back")}</Button>
                        <Group gap="xs">
                          <Button variant={reach && reach.not_reached.length === 0 ? "default" : "filled"} onClick={() => void testPostiAccount()} loading={running === "posti"} data-testid="wizard-posti-test">{t("posti.test")}</Button>
                          <Button onClick={() => go(5)} disabled={!reach || reach.not_reached.length > 0 || busy} data-testid="wizard-next">{t("wizard.next")}</Button>
                        </Group>
                      </Group>
                    </>
                  ) : easypostPath ? (
                    <>
                      <Text size="sm">{t("easypost.wizardIntro")}</Text>
                      <Paper withBorder radius="md" p="md">
                        <Stack gap="sm">
                          <Text fw={600} size="sm">{t("easypost.access")}</Text>
                          <CompanyField editable={status.company.is_sandbox} name={status.company.name} inputProps={easypost.getInputProps("company")} />
                          {easypostSandbox ? (
                            <Text size="sm" data-testid="wizard-easypost-sandbox-note">{t("easypost.sandboxNote")}</Text>
                          ) : (
                            <>
                              <HostFields
                                host={easypost.values.host}
                                onHost={(h) => {
                                  easypost.setFieldValue("host", h);
                                  setEasypostReach(null);
                                }}
                                urlProps={easypost.getInputProps("url")}
                                testId="wizard-easypost"
                              />
                              <AuthChoice
                                value={easypost.values.auth}
                                onChange={(a) => {
                                  easypost.setFieldValue("auth", a);
                                  setEasypostReach(null);
                                }}
                              />
                              {easypost.values.auth === "oauth2" ? (
                                <>
                                  <TextInput label={t("easypost.clientId")} description={t("easypost.clientIdHelp")} autoComplete="off" data-testid="wizard-easypost-client-id" {...easypost.getInputProps("clientId")} />
                                  {/* One field a row: side by side, the token address's longer help pushed its input below the client id's. */}
                                  {easypost.values.host === "production" && (
                                    <TextInput label={t("easypost.tokenUrl")} description={t("easypost.tokenUrlHelp")} placeholder="https://…/oauth/token" data-testid="wizard-easypost-token-url" {...easypost.getInputProps("tokenUrl")} />
                                  )}
                                  <SecretInput
                                    stored={easypostSecrets.client_secret}
                                    label={t("easypost.clientSecret")}
                                    description={t("easypost.clientSecretHelp")}
                                    autoComplete="off"
                                    data-testid="wizard-easypost-client-secret"
                                    {...easypost.getInputProps("clientSecret")}
                                  />
                                </>
                              ) : (
                                <SecretInput
                                  stored={easypostSecrets.api_key}
                                  label={t("easypost.apiKey")}
                                  description={t("easypost.apiKeyHelp")}
                                  autoComplete="off"
                                  data-testid="wizard-easypost-key"
                                  {...easypost.getInputProps("apiKey")}
                                />
                              )}
                              <CertificateFields
                                path={easypost.values.certPath}
                                onPath={(p) => {
                                  easypost.setValues({ certPath: p, certPassword: "" });
                                  setEasypostReach(null);
                                }}
                                passwordStored={easypostSecrets.certificate_password}
                                attempt={attempt}
                                busy={running}
                                onStatus={onStatus}
                                password={
                                  <SecretInput
                                    stored={easypostSecrets.certificate_password}
                                    label={t("easypost.certificatePassword")}
                                    description={t("easypost.certificatePasswordHelp")}
                                    autoComplete="off"
                                    data-testid="wizard-easypost-certificate-password"
                                    {...easypost.getInputProps("certPassword")}
                                  />
                                }
                              />
                            </>
                          )}
                          {easypostReach && <WorkflowPicker reach={easypostReach} value={workflow?.id ?? ""} onPick={setWorkflow} testId="wizard-easypost" />}
                        </Stack>
                      </Paper>
                      <StepError error={error} />
                      {easypostReach && !workflow && <Text size="xs" c="dimmed" ta="right" data-testid="wizard-easypost-pick-hint">{t("easypost.pickToGoOn")}</Text>}
                      <Group justify="space-between" mt="xl">
                        <Button variant="default" onClick={() => go(0)} disabled={busy} data-testid="wizard-back">{t("wizard.back")}</Button>
                        <Group gap="xs">
                          <Button variant={easypostReach ? "default" : "filled"} onClick={() => void testEasypostAccount()} loading={running === "easypost"} disabled={busy && running !== "easypost"} data-testid="wizard-easypost-test">{t("easypost.test")}</Button>
                          <Button onClick={() => void saveEasypostWorkflow()} loading={running === "easypost-save"} disabled={!easypostReach || !workflow || (busy && running !== "easypost-save")} data-testid="wizard-next">{t("wizard.next")}</Button>
                        </Group>
                      </Group>
                    </>
                  ) : provider === "ekopost" && (status.company.is_sandbox || isEkopost) ? (
                    <>
                      <Text size="sm">{t("wizard.accountIntroEkopost")}</Text>
                      <SimpleGrid cols={2} spacing="lg">
                        <CompanyField editable={status.company.is_sandbox} name={status.company.name} inputProps={ekopost.getInputProps("company")} />
                        <Select
                          label={t("ekopost.environment")}
                          allowDeselect={false}
                          data={[
                            { value: "sandbox", label: t("ekopost.envSandbox") },
                            { value: "production", label: t("ekopost.envProduction") },
                          ]}
                          value={ekopost.values.production ? "production" : "sandbox"}
                          onChange={(v) => ekopost.setFieldValue("production", v === "production")}
                          data-testid="wizard-ekopost-environment"
                          comboboxProps={{ withinPortal: true }}
                        />
                        <PasswordInput label={t("ekopost.apiKey")} description={t("ekopost.apiKeyHelp")} data-testid="wizard-ekopost-key" {...ekopost.getInputProps("apiKey")} />
                      </SimpleGrid>
                      {!ekopost.values.production && (
                        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">{t("ekopost.plainHttp")}</Alert>
                      )}
                      {error && <ErrorNotice error={error} />}
                      {nav(() => void saveEkopostAccount())}
                    </>
                  ) : (
                  <>
                  <Text size="sm">{t("wizard.accountIntro")}</Text>
                  <SimpleGrid cols={2} spacing="lg">
                    <CompanyField editable={status.company.is_sandbox} name={status.company.name} inputProps={account.getInputProps("company")} autoFocus />
                    <TextInput label={t("setup.ekp")} description={t("setup.ekpHelp")} maxLength={status.provider.account_id?.max} data-testid="wizard-ekp" styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }} {...account.getInputProps("ekp")} />
                    <TextInput type="email" label={t("setup.testEmail")} description={t("setup.testEmailHelp")} data-testid="wizard-test-email" {...account.getInputProps("testEmail")} />
                  </SimpleGrid>
                  <Text size="xs" c="dimmed">{t("wizard.adminInfo")}</Text>
                  {error && <ErrorNotice error={error} />}
                  {nav(() => void saveAccount())}
                  </>
                  )}
                </>
              )}
            </Stack>
          </Stepper.Step>

          {!shortPath && (
            <Stepper.Step label={t("wizard.stepPassword")} data-testid="wizard-step-password">
              <Stack gap="md" mt="lg">
                {path === "sandbox" || isEkopost || (hasPassword && !pinSent) ? (
                  <>
                    <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} data-testid="wizard-password-ready">
                      {path === "sandbox" ? t("wizard.passwordSandbox") : isEkopost ? t("wizard.ekopostNoPassword") : t("wizard.passwordSet")}
                    </Alert>
                    {nav(() => go(3))}
                  </>
                ) : (
                  <form onSubmit={setPassword} noValidate>
                    <Stack gap="sm">
                      <Text size="sm">{t("wizard.passwordIntro")}</Text>
                      {!pinSent ? (
                        <Button w="fit-content" onClick={() => void requestPin()} loading={busy} data-testid="wizard-request-pin">{t("wizard.requestPin")}</Button>
                      ) : (
                        <>
                          <Text size="sm">{t("setup.pwSent")}</Text>
                          <SimpleGrid cols={3} spacing="lg">
                            <TextInput label={t("setup.pin")} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="wizard-pin" {...password.getInputProps("pin")} />
                            <PasswordInput label={t("setup.newPassword")} description={t("setup.newPasswordHelp")} autoComplete="new-password" data-testid="wizard-new-password" {...password.getInputProps("password")} />
                            <PasswordInput label={t("setup.repeatPassword")} autoComplete="new-password" data-testid="wizard-repeat-password" {...password.getInputProps("repeat")} />
                          </SimpleGrid>
                          <Group gap="xs">
                            <Button type="submit" loading={busy} data-testid="wizard-password-ok">{t("setup.pwOk")}</Button>
                            <Button variant="subtle" size="xs" onClick={() => void requestPin()} disabled={busy}>{t("setup.newPin")}</Button>
                          </Group>
                        </>
                      )}
                      <Text size="xs" c="dimmed">{t("wizard.passwordLater")}</Text>
                      {error && <ErrorNotice error={error} onRetry={error.code === KEYCHAIN_AFTER_CHANGE ? () => void retryKeychain() : undefined} />}
                      {nav(() => go(3), { nextLabel: t("wizard.skip"), testId: "wizard-skip", secondary: true })}
                    </Stack>
                  </form>
                )}
              </Stack>
            </Stepper.Step>
          )}

          {!shortPath && (
            <Stepper.Step label={t("wizard.stepDefaults")} data-testid="wizard-step-defaults">
              <Stack gap="md" mt="lg">
                <Text size="sm">{t("wizard.defaultsIntro")}</Text>
                <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
                  <Switch label={t("setup.coverLetter")} description={t("setup.coverLetterHelp")} checked={defaults.cover_letter} onChange={(e) => setDefaults({ ...defaults, cover_letter: e.currentTarget.checked })} data-testid="wizard-cover-letter" />
                  <Switch label={t("setup.color")} description={t("setup.colorHelp")} checked={defaults.color} onChange={(e) => setDefaults({ ...defaults, color: e.currentTarget.checked })} data-testid="wizard-color" />
                  <Switch
                    label={t("setup.duplex")}
                    description={defaults.registered !== "none" ? t("setup.duplexBlocked") : t("setup.duplexHelp")}
                    disabled={defaults.registered !== "none"}
                    checked={defaults.duplex}
                    onChange={(e) => setDefaults({ ...defaults, duplex: e.currentTarget.checked })}
                    data-testid="wizard-duplex"
                  />
                  <Select
                    label={t("setup.registered")}
                    description={defaults.duplex ? t("setup.registeredBlocked") : t("setup.registeredHelp")}
                    allowDeselect={false}
                    data={(["none", ...status.provider.registered] as RegisteredLetter[]).map((r) => ({ value: r, label: t(`registered.${r}`), disabled: defaults.duplex && r !== "none" }))}
                    value={defaults.registered}
                    onChange={(v) => v && setDefaults({ ...defaults, registered: v as RegisteredLetter })}
                    data-testid="wizard-registered"
                    comboboxProps={{ withinPortal: true }}
                  />
                  {conflict && (
                    <Text size="xs" c="dimmed" style={{ gridColumn: "1 / -1" }} data-testid="wizard-conflict-reason">
                      <IconAlertTriangle size={12} aria-hidden /> {t("setup.conflict")}
                    </Text>
                  )}
                </SimpleGrid>
                {error && <ErrorNotice error={error} />}
                {nav(() => void saveDefaults())}
              </Stack>
            </Stepper.Step>
          )}

          {!shortPath && (
            <Stepper.Step label={t("wizard.stepTest")} data-testid="wizard-step-test">
              <Stack gap="md" mt="lg">
                {live ? (
                  <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>{t("wizard.testLive")}</Alert>
                ) : (
                  <>
                    <Text size="sm">
                      {t("wizard.testIntro", { company: status.company.name, where: status.environment === "sandbox" ? t("wizard.whereSandbox") : t("wizard.whereTest") })}
                    </Text>
                    {!letter ? (
                      <Button w="fit-content" onClick={() => void sendTest()} loading={busy} data-testid="wizard-send-test">{t("wizard.sendTest")}</Button>
                    ) : (
                      <Paper withBorder radius="md" p="md" data-testid="wizard-test-letter">
                        <Stack gap="xs">
                          <Text size="sm">{t("wizard.testQueued")}</Text>
                          <Group justify="space-between">
                            <Text size="sm" ff="monospace">{letter.file_name}</Text>
                            <StatusChip state={letter.state} />
                          </Group>
                          <Button
                            variant="light"
                            size="xs"
                            w="fit-content"
                            data-testid="wizard-open-jobs"
                            onClick={() => {
                              close();
                              onOpenJobs();
                            }}
                          >
                            {t("wizard.openJobs")}
                          </Button>
                        </Stack>
                      </Paper>
                    )}
                  </>
                )}
                {error && <ErrorNotice error={error} />}
                {nav(() => go(5), { nextLabel: letter || live ? t("wizard.next") : t("wizard.skip"), secondary: !letter && !live })}
              </Stack>
            </Stepper.Step>
          )}

          <Stepper.Completed>
            <Stack gap="md" mt="lg" data-testid="wizard-done">
              <Title order={2} size="h3">{t("wizard.doneTitle")}</Title>
              <Text>{t("wizard.doneText")}</Text>
              {isPosti && <PostiScope />}
              <Group justify="space-between" mt="xl">
                <Button variant="default" onClick={() => go(isPosti || isEasypost ? 1 : 4)} data-testid="wizard-back">{t("wizard.back")}</Button>
                <Button onClick={close} data-testid="wizard-finish">{t("wizard.finish")}</Button>
              </Group>
            </Stack>
          </Stepper.Completed>
        </Stepper>
      </Stack>
    </Modal>
  );
}
