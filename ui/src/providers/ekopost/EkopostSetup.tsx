// Setup of a company that sends through Ekopost: where (Postdesk's sandbox,
// Ekopost's sandbox host, production), how it signs in (API key or user name and
// password; the secret goes to the keychain once and never comes back), sending
// defaults with Ekopost's postage, and the connection test.
import { Alert, Button, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ekopostSetSecret, saveEkopostSetup, testConnection } from "../../api";
import type { AppStatus } from "../../bindings/AppStatus";
import type { EkopostSettings } from "../../bindings/EkopostSettings";
import type { EkopostSetup } from "../../bindings/EkopostSetup";
import type { Postage } from "../../bindings/Postage";
import type { RegisteredLetter } from "../../bindings/RegisteredLetter";
import { ErrorNotice } from "../../components/ErrorNotice";
import { SecretModal } from "../../components/SecretModal";
import { useAttempt } from "../../hooks/useAttempt";
import { useFormFollowsStored, useSetupSave } from "../../hooks/useSetupForm";
import { HandlingSwitches, Masked, SaveResetButtons, Section, SetupPage } from "../../screens/SetupScreen";

const EMPTY: EkopostSettings = { ekopost_sandbox: true, auth: "api_key", username: "", cost_center: "" };

const toForm = (s: AppStatus): EkopostSetup => ({
  ekopost: { ...("ekopost" in s.account.settings ? s.account.settings.ekopost : EMPTY) },
  prefs: { ...s.account.prefs },
  defaults: { ...s.account.defaults },
});

export function EkopostSetupScreen({ status, onStatus, onRunWizard }: { status: AppStatus; onStatus: (s: AppStatus) => void; onRunWizard?: () => void }) {
  const { t } = useTranslation();
  const { account, provider: d } = status;
  const inPostdeskSandbox = account.environment === "sandbox";
  const form = useForm<EkopostSetup>({
    mode: "controlled",
    initialValues: toForm(status),
    validateInputOnChange: true,
    validate: {
      ekopost: {
        username: (u, v) => (v.ekopost.auth === "basic" && u.trim() === "" ? t("ekopost.errors.username") : null),
        cost_center: (c) => ([...c.trim()].length > (d.cost_center?.max ?? 0) ? t("dialog.errors.costCenter", { max: d.cost_center?.max ?? 0 }) : null),
      },
    },
  });
  useFormFollowsStored(form, () => toForm(status), status);
  const { busy, error, setError, attempt, local } = useAttempt();
  const { saving, submit: save } = useSetupSave(form, saveEkopostSetup, onStatus, { setError, local });
  const [secretOpen, setSecretOpen] = useState(false);
  const v = form.values;
  const env = inPostdeskSandbox ? "sandbox" : v.ekopost.ekopost_sandbox ? "test" : "live";

  const check = () =>
    attempt(async () => {
      await testConnection();
      notifications.show({ color: "green", message: t("ekopost.connOk"), autoClose: 8000 });
    }, "conn");

  const registered: RegisteredLetter[] = ["none", ...d.registered];
  const postage: Postage[] = d.postage;

  return (
    <SetupPage
      status={status}
      intro={t("ekopost.intro")}
      environment={env}
      sandboxCompany={inPostdeskSandbox}
      onRunWizard={onRunWizard}
      onStatus={onStatus}
      onSubmit={save}
      outside={
        <SecretModal
          opened={secretOpen}
          title={v.ekopost.auth === "basic" ? t("ekopost.setPassword") : t("ekopost.setApiKey")}
          label={v.ekopost.auth === "basic" ? t("ekopost.password") : t("ekopost.apiKey")}
          help={v.ekopost.auth === "basic" ? undefined : t("ekopost.apiKeyHelp")}
          emptyError={t("ekopost.errors.secret")}
          savedMessage={t("ekopost.secretSaved")}
          testId="ekopost-secret"
          save={ekopostSetSecret}
          onClose={() => setSecretOpen(false)}
          onDone={onStatus}
        />
      }
    >
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}

      <Section
        testId="ekopost-access"
        title={t("ekopost.access")}
        hint={t("ekopost.accessHint")}
        actions={
          <>
            <Button variant="default" size="xs" onClick={() => setSecretOpen(true)} disabled={inPostdeskSandbox || form.isDirty()} data-testid="ekopost-set-secret">
              {v.ekopost.auth === "basic" ? t("ekopost.setPassword") : t("ekopost.setApiKey")}
            </Button>
            <Button variant="default" size="xs" loading={busy === "conn"} onClick={check} data-testid="setup-test-connection">
              {t("setup.testConnection")}
            </Button>
          </>
        }
      >
        <Stack gap="md">
          {inPostdeskSandbox ? (
            <Text size="sm" data-testid="ekopost-sandbox-note">{t("ekopost.sandboxNote")}</Text>
          ) : (
            <>
              <Select
                label={t("ekopost.environment")}
                allowDeselect={false}
                data-testid="ekopost-environment"
                data={[
                  { value: "sandbox", label: t("ekopost.envSandbox") },
                  { value: "production", label: t("ekopost.envProduction") },
                ]}
                value={v.ekopost.ekopost_sandbox ? "sandbox" : "production"}
                onChange={(x) => form.setFieldValue("ekopost.ekopost_sandbox", x !== "production")}
                comboboxProps={{ withinPortal: true }}
              />
              {v.ekopost.ekopost_sandbox && (
                <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="ekopost-plain-http">
                  {t("ekopost.plainHttp")}
                </Alert>
              )}
            </>
          )}
          <SimpleGrid cols={2} spacing="lg">
            <Stack gap={4}>
              <Text size="sm" fw={500}>{t("ekopost.auth")}</Text>
              <SegmentedControl
                data-testid="ekopost-auth"
                disabled={inPostdeskSandbox}
                data={[
                  { value: "api_key", label: t("ekopost.authApiKey") },
                  { value: "basic", label: t("ekopost.authBasic") },
                ]}
                {...form.getInputProps("ekopost.auth")}
              />
            </Stack>
            {v.ekopost.auth === "basic" ? (
              <TextInput label={t("ekopost.username")} data-testid="ekopost-username" {...form.getInputProps("ekopost.username")} />
            ) : (
              <Masked label={t("ekopost.apiKey")} help={t("ekopost.apiKeyHelp")} set={account.has_secret} testId="ekopost-api-key" />
            )}
          </SimpleGrid>
        </Stack>
      </Section>

      <Section testId="setup-defaults" title={t("setup.defaults")} hint={t("setup.defaultsHint")}>
        <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
          <Select
            label={t("postage.label")}
            description={t("postage.help")}
            allowDeselect={false}
            data-testid="setup-postage"
            data={postage.map((p) => ({ value: p, label: t(`postage.${p}`) }))}
            value={v.defaults.postage === "standard" ? (postage[0] ?? "standard") : v.defaults.postage}
            onChange={(x) => x && form.setFieldValue("defaults.postage", x as Postage)}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t("setup.registered")}
            description={t("ekopost.registeredHelp", { max: d.registered_line_max ?? 35 })}
            allowDeselect={false}
            data-testid="setup-registered"
            data={registered.map((r) => ({ value: r, label: t(`registered.${r}`) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("defaults.registered")}
          />
          <Switch label={t("setup.duplex")} description={t("setup.duplexHelp")} data-testid="setup-duplex" {...form.getInputProps("defaults.duplex", { type: "checkbox" })} />
          <Switch label={t("setup.color")} description={t("setup.colorHelp")} data-testid="setup-color" {...form.getInputProps("defaults.color", { type: "checkbox" })} />
          <Switch label={t("ekopost.coverPage")} description={t("ekopost.coverPageHelp")} data-testid="setup-cover-letter" {...form.getInputProps("defaults.cover_letter", { type: "checkbox" })} />
          <TextInput label={t("dialog.costCenter")} description={t("ekopost.costCenterHelp")} data-testid="ekopost-cost-center" {...form.getInputProps("ekopost.cost_center")} />
          <HandlingSwitches checkbox={(path) => form.getInputProps(path, { type: "checkbox" })} zones />
        </SimpleGrid>
      </Section>

      <SaveResetButtons dirty={form.isDirty()} onReset={() => form.reset()} saving={saving} />
    </SetupPage>
  );
}
