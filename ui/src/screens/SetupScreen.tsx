import {
  Alert, Badge, Button, Group, Modal, Paper, PasswordInput, ScrollArea, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title, Tooltip, type SelectProps,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconBuilding, IconPlus, IconWand } from "@tabler/icons-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { epostSettings } from "../lib/account";
import { EasypostSetupScreen } from "../providers/easypost/EasypostSetup";
import { EkopostSetupScreen } from "../providers/ekopost/EkopostSetup";
import { PostiSetupScreen } from "../providers/posti/PostiSetup";
import {
  copyCredentials, createCompany, createEasypostCompany, createEkopostCompany, createPostiCompany, epostRequestSms, epostSetPassword, epostTestConnection, keychainRetry, saveEpostSetup,
} from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import type { EpostSetup } from "../bindings/EpostSetup";
import type { RegisteredLetter } from "../bindings/RegisteredLetter";
import { AdminContactSection } from "../components/AdminContact";
import { EnvBadge } from "../components/EnvBadge";
import { ErrorNotice } from "../components/ErrorNotice";
import { readyForPassword, validateSetup } from "../lib/setupForm";
import { useAttempt, useLocalError } from "../hooks/useAttempt";
import { useFormFollowsStored, useNewPasswordForm, useSetupSave } from "../hooks/useSetupForm";


export function Section({ title, hint, actions, children, testId }: { title: string; hint: string; actions?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title} data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3} size="h5">{title}</Title>
          <Text size="xs" c="dimmed">{hint}</Text>
        </Stack>
        {actions && <Group gap="xs" justify="flex-end">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}

/** Setup's title, its actions and the company line with the environment it sends to. */
export function SetupHeader({ status, intro, environment, sandboxCompany, onRunWizard, onNewCompany }: {
  status: AppStatus;
  intro: string;
  environment: "sandbox" | "test" | "live";
  sandboxCompany: boolean;
  onRunWizard?: () => void;
  onNewCompany: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">{t("setup.title")}</Title>
          <Text size="sm" c="dimmed">{intro}</Text>
        </Stack>
        <Group gap="xs">
          {onRunWizard && (
            <Button variant="subtle" size="xs" leftSection={<IconWand size={14} aria-hidden />} onClick={onRunWizard} data-testid="setup-run-wizard">
              {t("settings.runWizard")}
            </Button>
          )}
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onNewCompany} data-testid="setup-new-company">
            {t("setup.newCompany")}
          </Button>
        </Group>
      </Group>
      <Group justify="space-between">
        <Group gap="sm">
          <IconBuilding size={22} stroke={1.5} aria-hidden />
          <Text fw={600} size="lg" data-testid="setup-company">{status.company.name}</Text>
          {sandboxCompany && <Badge variant="outline" color="violet" radius="sm">{t("setup.sandboxCompany")}</Badge>}
          <Text size="sm" c="dimmed">{t("setup.account", { provider: t(`provider.${status.account.provider}`) })}</Text>
        </Group>
        <EnvBadge environment={environment} />
      </Group>
    </>
  );
}

/** A Setup screen's page: the header (its New company opens the modal kept here), the form with
 *  the screen's rooms, and what stands outside the form (`outside`: the screen's modals). */
export function SetupPage({ status, intro, environment, sandboxCompany, onRunWizard, onStatus, onSubmit, children, outside }: {
  status: AppStatus;
  intro: string;
  environment: "sandbox" | "test" | "live";
  sandboxCompany: boolean;
  onRunWizard?: () => void;
  onStatus: (s: AppStatus) => void;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  outside?: ReactNode;
}) {
  const [newOpen, setNewOpen] = useState(false);
  return (
    <ScrollArea h="100%" type="auto">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg" maw={880} pb="xl">
          <SetupHeader
            status={status}
            intro={intro}
            environment={environment}
            sandboxCompany={sandboxCompany}
            onRunWizard={onRunWizard}
            onNewCompany={() => setNewOpen(true)}
          />
          {children}
        </Stack>
      </form>
      {outside}
      <NewCompanyModal opened={newOpen} onClose={() => setNewOpen(false)} onDone={onStatus} />
    </ScrollArea>
  );
}

/** Reset and Save under a Setup form: both only while the form differs from what is stored. */
export function SaveResetButtons({ dirty, onReset, saving, saveTestId = "setup-save" }: { dirty: boolean; onReset: () => void; saving: boolean; saveTestId?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" disabled={!dirty} onClick={onReset} data-testid="setup-reset">{t("setup.reset")}</Button>
      <Button type="submit" loading={saving} disabled={!dirty} data-testid={saveTestId}>{t("setup.save")}</Button>
    </Group>
  );
}

/** How Postdesk handles letters (`prefs`): keep the file in the job list, show the pre-send dialog,
 *  and with `zones` the provider's restricted areas on the preview (its words: `ekopost.showZones`). */
export function HandlingSwitches({ checkbox, zones = false }: { checkbox: (path: string) => object; zones?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Switch label={t("setup.saveFile")} description={t("setup.saveFileHelp")} data-testid="setup-save-file" {...checkbox("prefs.save_file_in_joblist")} />
      <Switch label={t("setup.showDialog")} description={t("setup.showDialogHelp")} data-testid="setup-show-dialog" {...checkbox("prefs.show_dialog")} />
      {zones && <Switch label={t("ekopost.showZones")} description={t("ekopost.showZonesHelp")} data-testid="setup-show-restricted" {...checkbox("prefs.show_restricted_area")} />}
    </>
  );
}

export function Masked({ label, help, set, testId }: { label: string; help: string; set: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      description={help}
      readOnly
      data-testid={testId}
      value={set ? `•••••• (${t("setup.masked")})` : t("common.notSet")}
      styles={{ input: { fontStyle: set ? undefined : "italic" } }}
    />
  );
}

const toForm = (s: AppStatus): EpostSetup => ({ epost: { ...epostSettings(s.account) }, prefs: { ...s.account.prefs }, defaults: { ...s.account.defaults } });

/** The provider took a new password, the keychain did not store it (core's `keychain_after_change`). */
export const KEYCHAIN_AFTER_CHANGE = "keychain_write_after_change";

/** `shown`: the Setup screen is the one on view (it stays mounted behind the others). */
type SetupProps = { status: AppStatus; onStatus: (s: AppStatus) => void; onRunWizard?: () => void; shown?: boolean };

/** Setup of the current company, in the rooms of its provider. */
export function SetupScreen(props: SetupProps) {
  switch (props.status.account.provider) {
    case "ekopost":
      return <EkopostSetupScreen {...props} />;
    case "posti":
      return <PostiSetupScreen {...props} />;
    case "easypost":
      return <EasypostSetupScreen {...props} />;
    default:
      return <EpostSetupScreen {...props} />;
  }
}

function EpostSetupScreen({ status, onStatus, onRunWizard }: SetupProps) {
  const { t } = useTranslation();
  const { company, account } = status;
  const form = useForm<EpostSetup>({
    mode: "controlled",
    initialValues: toForm(status),
    validateInputOnChange: true,
    validate: (v) => {
      const e = validateSetup(v, status.provider);
      return Object.fromEntries(Object.entries(e).map(([k, key]) => [k, key ? t(key) : null]));
    },
  });
  // Another company (or a save elsewhere): start from what is stored.
  useFormFollowsStored(form, () => toForm(status), status);

  // Set password / Test connection: one busy button at a time, one error for the form.
  const { busy, error, setError, attempt, local } = useAttempt();
  const { saving, submit: save } = useSetupSave(form, saveEpostSetup, onStatus, { setError, local });
  const [pwOpen, setPwOpen] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);

  const v = form.values;
  const previewEnv = account.environment === "sandbox" ? "sandbox" : v.prefs.test_mode ? "test" : "live";
  const stored = toForm(status);
  const canSetPassword = readyForPassword(stored, status.provider) && !form.isDirty();

  const requestSms = () =>
    attempt(async () => {
      await epostRequestSms();
      setPwOpen(true);
    }, "sms");

  const testConnection = () =>
    attempt(async () => {
      await epostTestConnection();
      notifications.show({ color: "green", message: t("setup.connOk"), autoClose: 8000 });
    }, "conn");

  const conflict = v.defaults.duplex || v.defaults.registered !== "none";

  return (
    <SetupPage
      status={status}
      intro={t("setup.intro")}
      environment={previewEnv}
      sandboxCompany={company.is_sandbox}
      onRunWizard={onRunWizard}
      onStatus={onStatus}
      onSubmit={save}
      outside={
        <>
          <SetPasswordModal opened={pwOpen} sandbox={company.is_sandbox} onClose={() => setPwOpen(false)} onDone={onStatus} />
          <CopyCredentialsModal opened={copyOpen} status={status} onClose={() => setCopyOpen(false)} onDone={onStatus} />
        </>
      }
    >
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}

      <Section
        testId="setup-access"
        title={t("setup.access")}
        hint={t("setup.accessHint")}
        actions={
          <>
            <Tooltip label={form.isDirty() ? t("setup.saveFirst") : t("setup.setPasswordNeedsSetup")} disabled={canSetPassword} multiline w={260} withArrow>
              <span>
                <Button variant="default" size="xs" disabled={!canSetPassword} loading={busy === "sms"} onClick={requestSms} data-testid="setup-set-password">
                  {t("setup.setPassword")}
                </Button>
              </span>
            </Tooltip>
            <Button variant="default" size="xs" loading={busy === "conn"} onClick={testConnection} data-testid="setup-test-connection">
              {t("setup.testConnection")}
            </Button>
            <Button variant="default" size="xs" disabled={company.is_sandbox} onClick={() => setCopyOpen(true)} data-testid="setup-copy-credentials">
              {t("setup.copyCredentials")}
            </Button>
          </>
        }
      >
        <SimpleGrid cols={3} spacing="lg">
          <TextInput label={t("setup.ekp")} description={t("setup.ekpHelp")} maxLength={status.provider.account_id?.max} styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }} data-testid="setup-ekp" {...form.getInputProps("epost.ekp")} />
          <Masked label={t("setup.secret")} help={t("setup.secretHelp")} set={account.has_secret} testId="setup-secret" />
          <Masked label={t("setup.password")} help={t("setup.passwordHelp")} set={account.has_password} testId="setup-password" />
        </SimpleGrid>
      </Section>

      <Section testId="setup-defaults" title={t("setup.defaults")} hint={t("setup.defaultsHint")}>
        <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
          <Switch label={t("setup.coverLetter")} description={t("setup.coverLetterHelp")} data-testid="setup-cover-letter" {...form.getInputProps("defaults.cover_letter", { type: "checkbox" })} />
          <Switch label={t("setup.color")} description={t("setup.colorHelp")} data-testid="setup-color" {...form.getInputProps("defaults.color", { type: "checkbox" })} />
          <Switch
            label={t("setup.duplex")}
            description={v.defaults.registered !== "none" ? t("setup.duplexBlocked") : t("setup.duplexHelp")}
            disabled={v.defaults.registered !== "none"}
            data-testid="setup-duplex"
            {...form.getInputProps("defaults.duplex", { type: "checkbox" })}
          />
          <Select
            label={t("setup.registered")}
            description={v.defaults.duplex ? t("setup.registeredBlocked") : t("setup.registeredHelp")}
            data-testid="setup-registered"
            allowDeselect={false}
            data={(["none", ...status.provider.registered] as RegisteredLetter[]).map((r) => ({ value: r, label: t(`registered.${r}`), disabled: v.defaults.duplex && r !== "none" }))}
            {...form.getInputProps("defaults.registered")}
          />
          {conflict && (
            <Text size="xs" c="dimmed" data-testid="defaults-conflict-reason" style={{ gridColumn: "1 / -1" }}>
              <IconAlertTriangle size={12} aria-hidden /> {t("setup.conflict")}
            </Text>
          )}
          <HandlingSwitches checkbox={(path) => form.getInputProps(path, { type: "checkbox" })} />
        </SimpleGrid>
      </Section>

      <Section testId="setup-test" title={t("setup.testMode")} hint={t("setup.testModeHint")}>
        <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
          <Switch label={t("setup.testModeOn")} description={t("setup.testModeHelp")} data-testid="setup-test-mode" {...form.getInputProps("prefs.test_mode", { type: "checkbox" })} />
          <TextInput type="email" label={t("setup.testEmail")} description={t("setup.testEmailHelp")} data-testid="setup-test-email" {...form.getInputProps("epost.test_email")} />
          <Switch label={t("setup.showRestricted")} description={t("setup.showRestrictedHelp")} data-testid="setup-show-restricted" {...form.getInputProps("prefs.show_restricted_area", { type: "checkbox" })} />
        </SimpleGrid>
      </Section>

      <Section testId="setup-admin" title={t("setup.admin")} hint={t("setup.adminHint")}>
        <AdminContactSection status={status} />
      </Section>

      <SaveResetButtons dirty={form.isDirty()} onReset={() => form.reset()} saving={saving} />
    </SetupPage>
  );
}

function SetPasswordModal({ opened, sandbox, onClose, onDone }: { opened: boolean; sandbox: boolean; onClose: () => void; onDone: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const local = useLocalError();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useNewPasswordForm();
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ pin, password }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await epostSetPassword(pin.trim(), password);
      notifications.show({ color: "green", message: t("setup.pwDone"), autoClose: 8000 });
      onDone(s);
      close();
    } catch (e) {
      setError(local(e));
    } finally {
      setBusy(false);
    }
  });
  // The provider took the new password but the keychain did not: store it when the keychain is back.
  const retryKeychain = async () => {
    try {
      const s = await keychainRetry();
      notifications.show({ color: "green", message: t("setup.pwDone"), autoClose: 8000 });
      onDone(s);
      close();
    } catch (e) {
      setError(local(e));
    }
  };
  const resend = async () => {
    setError(null);
    try {
      await epostRequestSms();
      notifications.show({ message: t("setup.pinResent") });
    } catch (e) {
      setError(local(e));
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("setup.pwTitle")}
      data-testid="password-modal"
      // In the sandbox the PIN is read in the Sandbox inbox screen: keep the window usable behind the dialog.
      withOverlay={!sandbox}
      trapFocus={!sandbox}
      lockScroll={!sandbox}
      closeOnClickOutside={false}
      // …and sit at the bottom right, clear of the inbox list and its Refresh button.
      styles={sandbox ? { inner: { justifyContent: "flex-end", alignItems: "flex-end", padding: 24 } } : undefined}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t("setup.pwSent")}</Text>
          {sandbox && <Text size="xs" c="dimmed">{t("setup.pwSandbox")}</Text>}
          <TextInput label={t("setup.pin")} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="pin-input" data-autofocus {...form.getInputProps("pin")} />
          <PasswordInput label={t("setup.newPassword")} description={t("setup.newPasswordHelp")} autoComplete="new-password" data-testid="new-password" {...form.getInputProps("password")} />
          <PasswordInput label={t("setup.repeatPassword")} autoComplete="new-password" data-testid="repeat-password" {...form.getInputProps("repeat")} />
          {error && <ErrorNotice error={error} onRetry={error.code === KEYCHAIN_AFTER_CHANGE ? () => void retryKeychain() : undefined} />}
          <Group justify="space-between">
            <Button variant="subtle" size="xs" onClick={resend} data-testid="pin-resend">{t("setup.newPin")}</Button>
            <Group gap="xs">
              <Button variant="default" onClick={close}>{t("common.cancel")}</Button>
              <Button type="submit" loading={busy} data-testid="password-ok">{t("setup.pwOk")}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CopyCredentialsModal({ opened, status, onClose, onDone }: { opened: boolean; status: AppStatus; onClose: () => void; onDone: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const local = useLocalError();
  const others = status.companies.filter((c) => c.id !== status.company.id);
  const [from, setFrom] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setFrom(null);
    setError(null);
    onClose();
  };
  const source = others.find((c) => String(c.id) === from);
  const confirm = async () => {
    if (!source) return;
    setBusy(true);
    try {
      const s = await copyCredentials(source.id);
      notifications.show({ color: "green", message: t("setup.copied", { company: source.name }) });
      onDone(s);
      close();
    } catch (e) {
      setError(local(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={t("setup.copyTitle")} centered data-testid="copy-modal">
      <Stack gap="sm">
        {others.length === 0 ? (
          <Text size="sm">{t("setup.copyNone")}</Text>
        ) : (
          <Select label={t("setup.copyFrom")} data={others.map((c) => ({ value: String(c.id), label: c.name }))} value={from} onChange={setFrom} data-testid="copy-from" comboboxProps={{ withinPortal: true }} />
        )}
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} data-testid="copy-warning">
          {t("setup.copyWarning", { company: status.company.name })}
        </Alert>
        {error && <ErrorNotice error={error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>{t("common.cancel")}</Button>
          <Button color="orange" disabled={!source} loading={busy} onClick={confirm} data-testid="copy-confirm">{t("setup.copyConfirm")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The providers a new company can send through; each option has the test id `<testId>-<provider>`. */
export function ProviderSelect({ testId, ...props }: Omit<SelectProps, "data" | "renderOption"> & { testId: string }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("setup.providerLabel")}
      data-testid={testId}
      allowDeselect={false}
      data={[
        { value: "epost", label: t("provider.epost") },
        { value: "ekopost", label: t("provider.ekopost") },
        { value: "posti", label: t("provider.posti") },
        { value: "easypost", label: t("provider.easypost") },
      ]}
      renderOption={({ option }) => <span data-testid={`${testId}-${option.value}`}>{option.label}</span>}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

export function NewCompanyModal({ opened, onClose, onDone }: { opened: boolean; onClose: () => void; onDone: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const local = useLocalError();
  const [error, setError] = useState<AppError | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: { name: "", provider: "epost" as "epost" | "ekopost" | "posti" | "easypost", inSandbox: true },
    validate: { name: (n) => (n.trim() ? null : t("setup.errors.companyName")) },
  });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ name, provider, inSandbox }) => {
    try {
      const s =
        provider === "ekopost"
          ? await createEkopostCompany(name.trim(), inSandbox)
          : provider === "posti"
            ? await createPostiCompany(name.trim(), inSandbox)
            : provider === "easypost"
              ? await createEasypostCompany(name.trim(), inSandbox)
              : await createCompany(name.trim());
      notifications.show({ color: "green", message: t("setup.created", { name: s.company.name }) });
      onDone(s);
      close();
    } catch (e) {
      setError(local(e));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title={t("setup.newCompanyTitle")} centered data-testid="new-company-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t("setup.newCompanyHelp")}</Text>
          <TextInput label={t("setup.companyName")} data-testid="new-company-name" data-autofocus {...form.getInputProps("name")} />
          <ProviderSelect testId="new-company-provider" {...form.getInputProps("provider")} />
          {form.values.provider !== "epost" && (
            <Switch
              label={t(`${form.values.provider}.inSandbox`)}
              description={t(`${form.values.provider}.inSandboxHelp`)}
              data-testid="new-company-in-sandbox"
              {...form.getInputProps("inSandbox", { type: "checkbox" })}
            />
          )}
          {error && <ErrorNotice error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>{t("common.cancel")}</Button>
            <Button type="submit" data-testid="new-company-create">{t("setup.create")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
