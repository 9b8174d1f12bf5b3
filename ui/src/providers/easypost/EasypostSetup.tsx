// Setup of a company that sends through EasyPost Connect (Belgium): the host
// (development API, or production at the contract's address), the way in (API
// key, or OAuth2 client id + secret; secrets keychain only, pasted once), an
// optional client certificate for mutual TLS, the connection test that lists the account's
// workflows, the workflow every letter becomes a job on, and how Postdesk
// handles letters. EasyPost has no test mode: the development host is the test.
import { Button, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { easypostSetKey, easypostTestConnection, saveEasypostSetup } from "../../api";
import type { AppStatus } from "../../bindings/AppStatus";
import type { EasypostReach } from "../../bindings/EasypostReach";
import type { EasypostSetup } from "../../bindings/EasypostSetup";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAttempt } from "../../hooks/useAttempt";
import { useFormFollowsStored } from "../../hooks/useSetupForm";
import { HandlingSwitches, SaveResetButtons, Section, SetupPage } from "../../screens/SetupScreen";
import { AuthChoice, CertificateFields, SecretField } from "./EasypostAuthParts";
import { easypostSettings, HostFields, productionUrlError, SavedWorkflow, WorkflowPicker } from "./EasypostParts";
import { EasypostUsage } from "./EasypostUsage";

const toForm = (s: AppStatus): EasypostSetup => ({
  easypost: { ...easypostSettings(s.account.settings), workflow_channels: [...easypostSettings(s.account.settings).workflow_channels] },
  prefs: { ...s.account.prefs, test_mode: false },
});

/** The badge Setup shows: what the core says for the saved host (as the window's badge does), and
 *  while the host is changed, what it will mean: EasyPost's development API is a test, production is live. */
export function easypostEnvironment(status: AppStatus, v: EasypostSetup, hostChanged: boolean): "sandbox" | "test" | "live" {
  if (status.account.environment === "sandbox") return "sandbox";
  if (hostChanged) return v.easypost.host === "development" ? "test" : "live";
  return status.environment;
}

export function EasypostSetupScreen({ status, onStatus, onRunWizard, shown }: { status: AppStatus; onStatus: (s: AppStatus) => void; onRunWizard?: () => void; shown?: boolean }) {
  const { t } = useTranslation();
  const { account } = status;
  const inPostdeskSandbox = account.environment === "sandbox";
  const form = useForm<EasypostSetup>({
    mode: "controlled",
    initialValues: toForm(status),
    validate: {
      easypost: {
        production_url: (u, v) => (!inPostdeskSandbox && v.easypost.host === "production" && productionUrlError(u) ? t("easypost.errors.productionUrl") : null),
      },
    },
  });
  // Reset to what is saved when that changes (another company, a save) — not when only a
  // secret was stored, which would throw away the way in being set up around it.
  const savedKey = JSON.stringify([status.company.id, toForm(status)]);
  useFormFollowsStored(form, () => toForm(status), savedKey);
  const { busy, error, setError, attempt } = useAttempt();
  const [key, setKey] = useState("");
  const [reach, setReach] = useState<EasypostReach | null>(null);
  const v = form.values;
  const stored = toForm(status);
  // The test talks to the saved host: a changed host or address is saved first.
  const hostChanged = v.easypost.host !== stored.easypost.host || (v.easypost.host === "production" && v.easypost.production_url.trim() !== stored.easypost.production_url);
  // …and so are a changed way in and certificate.
  const accessChanged =
    hostChanged ||
    v.easypost.auth !== stored.easypost.auth ||
    v.easypost.client_id.trim() !== stored.easypost.client_id ||
    v.easypost.token_url.trim() !== stored.easypost.token_url ||
    v.easypost.certificate_path !== stored.easypost.certificate_path;
  const secrets = account.easypost_secrets ?? { api_key: account.has_secret, client_secret: false, certificate_password: false };
  const oauth2 = v.easypost.auth === "oauth2";

  const save = form.onSubmit((values) =>
    attempt(async () => {
      const e = values.easypost;
      onStatus(await saveEasypostSetup({ ...values, easypost: { ...e, production_url: e.production_url.trim(), client_id: e.client_id.trim(), token_url: e.token_url.trim() } }));
      setReach(null);
      notifications.show({ color: "green", message: t("setup.saved") });
    }, "save"),
  );

  const storeKey = () =>
    attempt(async () => {
      onStatus(await easypostSetKey(key.trim()));
      setKey("");
      setReach(null);
      notifications.show({ color: "green", message: t("easypost.keySaved") });
    }, "key");

  const check = () =>
    attempt(async () => {
      setReach(null);
      setReach(await easypostTestConnection());
    }, "conn");

  return (
    <SetupPage
      status={status}
      intro={t("easypost.intro")}
      environment={easypostEnvironment(status, v, hostChanged)}
      sandboxCompany={inPostdeskSandbox}
      onRunWizard={onRunWizard}
      onStatus={onStatus}
      onSubmit={save}
      outside={<EasypostUsage account={status.account} shown={shown} />}
    >
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}

      <Section
        testId="easypost-access"
        title={t("easypost.access")}
        hint={t("easypost.accessHint")}
        actions={
          <Tooltip label={t("easypost.testNeedsSave")} disabled={!accessChanged} multiline w={260} withArrow>
            <span>
              <Button variant="default" size="xs" loading={busy === "conn"} disabled={accessChanged} onClick={() => void check()} data-testid="easypost-test">
                {t("easypost.test")}
              </Button>
            </span>
          </Tooltip>
        }
      >
        <Stack gap="md">
          {inPostdeskSandbox ? (
            <Text size="sm" data-testid="easypost-sandbox-note">{t("easypost.sandboxNote")}</Text>
          ) : (
            <HostFields
              host={v.easypost.host}
              onHost={(h) => form.setFieldValue("easypost.host", h)}
              urlProps={form.getInputProps("easypost.production_url")}
            />
          )}
          <AuthChoice value={v.easypost.auth} onChange={(a) => form.setFieldValue("easypost.auth", a)} />
          {oauth2 ? (
            <>
              <SimpleGrid cols={inPostdeskSandbox ? 1 : 2} spacing="md">
                <TextInput label={t("easypost.clientId")} description={t("easypost.clientIdHelp")} autoComplete="off" data-testid="easypost-client-id" {...form.getInputProps("easypost.client_id")} />
                {!inPostdeskSandbox && (
                  <TextInput label={t("easypost.tokenUrl")} description={t("easypost.tokenUrlHelp")} placeholder="https://…/oauth/token" data-testid="easypost-token-url" {...form.getInputProps("easypost.token_url")} />
                )}
              </SimpleGrid>
              <SecretField
                which="client_secret"
                label={t("easypost.clientSecret")}
                help={t("easypost.clientSecretHelp")}
                stored={secrets.client_secret}
                saveLabel={t("easypost.saveSecret")}
                savedMessage={t("easypost.secretSaved")}
                disabled={inPostdeskSandbox}
                attempt={attempt}
                busy={busy}
                onStatus={(s) => {
                  onStatus(s);
                  setReach(null);
                }}
                testId="easypost-client-secret"
              />
            </>
          ) : (
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <PasswordInput
                style={{ flex: 1 }}
                label={t("easypost.apiKey")}
                description={t("easypost.apiKeyHelp")}
                placeholder={secrets.api_key ? `•••••• (${t("setup.masked")})` : t("common.notSet")}
                disabled={inPostdeskSandbox}
                value={key}
                onChange={(e) => setKey(e.currentTarget.value)}
                onKeyDown={(e) => {
                  // Enter stores the key (not the form around it).
                  if (e.key === "Enter") {
                    e.preventDefault();
                    if (key.trim()) void storeKey();
                  }
                }}
                autoComplete="off"
                data-testid="easypost-key"
                data-stored={secrets.api_key}
              />
              <Button variant="default" disabled={inPostdeskSandbox || key.trim() === ""} loading={busy === "key"} onClick={() => void storeKey()} data-testid="easypost-key-save">
                {t("easypost.saveKey")}
              </Button>
            </Group>
          )}
          {!inPostdeskSandbox && (
            <CertificateFields
              path={v.easypost.certificate_path}
              onPath={(p) => form.setFieldValue("easypost.certificate_path", p)}
              passwordStored={secrets.certificate_password}
              attempt={attempt}
              busy={busy}
              onStatus={onStatus}
            />
          )}
          {reach ? (
            <WorkflowPicker
              reach={reach}
              value={v.easypost.workflow_id}
              onPick={(w) => form.setFieldValue("easypost", { ...form.values.easypost, workflow_id: w.id, workflow_name: w.name, workflow_channels: [...w.channels] })}
            />
          ) : (
            <SavedWorkflow settings={stored.easypost} />
          )}
        </Stack>
      </Section>

      <Section testId="setup-defaults" title={t("easypost.sending")} hint={t("easypost.sendingHint")}>
        <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
          <HandlingSwitches checkbox={(path) => form.getInputProps(path, { type: "checkbox" })} zones />
        </SimpleGrid>
      </Section>

      <SaveResetButtons dirty={form.isDirty()} onReset={() => form.reset()} saving={busy === "save"} saveTestId="easypost-save" />
    </SetupPage>
  );
}
