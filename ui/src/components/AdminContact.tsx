// Setup → Administrator contact: what Postdesk last confirmed, and the two
// changes of the seed ("Change Email Address", "Change Mobile No."), each a
// two-step dialog: new value → code by the OTHER channel → set.
import { Alert, Button, Group, Menu, Modal, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconChevronDown } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  epostAdminContact, epostEmailRequest, epostMobileRequest, epostSetEmail, epostSetMobile, epostTestEmail, epostTestMobile,
} from "../api";
import type { AdminContact } from "../bindings/AdminContact";
import type { AppStatus } from "../bindings/AppStatus";
import { validateCode, validateNewEmail, validateNewMobile } from "../lib/adminContact";
import { formatDateTime } from "../lib/format";
import { ErrorNotice } from "./ErrorNotice";
import { useAttempt } from "../hooks/useAttempt";

export type ContactKind = "email" | "mobile";

/** The section's body and its actions (the "Change administrator contact ▾" menu and the test messages). */
export function AdminContactSection({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const [contact, setContact] = useState<AdminContact | null>(null);
  const [open, setOpen] = useState<ContactKind | null>(null);
  const { busy, error, setError, attempt } = useAttempt();
  const canSignIn = status.account.has_password && status.account.has_secret;

  useEffect(() => {
    let live = true;
    epostAdminContact()
      .then((c) => live && setContact(c))
      .catch(() => live && setContact(null));
    return () => {
      live = false;
    };
  }, [status.account.id]);

  const test = (kind: ContactKind) =>
    attempt(async () => {
      await (kind === "email" ? epostTestEmail() : epostTestMobile());
      notifications.show({ color: "green", message: t(kind === "email" ? "contact.testEmailSent" : "contact.testSmsSent") });
    }, kind);

  const value = (v: string | null | undefined) => v ?? t("contact.asRegistered");
  return (
    <Stack gap="sm">
      <Text size="sm">{t("contact.intro")}</Text>
      <SimpleGrid cols={2} spacing="lg">
        <TextInput label={t("contact.email")} readOnly value={value(contact?.email)} data-testid="admin-email" styles={{ input: { fontStyle: contact?.email ? undefined : "italic" } }} />
        <TextInput label={t("contact.mobile")} readOnly value={value(contact?.mobile)} data-testid="admin-mobile" styles={{ input: { fontStyle: contact?.mobile ? undefined : "italic" } }} />
      </SimpleGrid>
      {contact?.changed_at && (
        <Text size="xs" c="dimmed">{t("contact.changedAt", { date: formatDateTime(contact.changed_at) })}</Text>
      )}
      {!canSignIn && <Text size="xs" c="dimmed" data-testid="admin-needs-password">{t("contact.needsPassword")}</Text>}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      <Group gap="xs">
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button variant="default" size="xs" disabled={!canSignIn} rightSection={<IconChevronDown size={14} aria-hidden />} data-testid="admin-change">
              {t("contact.change")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setOpen("email")} data-testid="admin-change-email">{t("contact.changeEmail")}</Menu.Item>
            <Menu.Item onClick={() => setOpen("mobile")} data-testid="admin-change-mobile">{t("contact.changeMobile")}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button variant="subtle" size="xs" disabled={!canSignIn} loading={busy === "email"} onClick={() => void test("email")} data-testid="admin-test-email">
          {t("contact.sendTestEmail")}
        </Button>
        <Button variant="subtle" size="xs" disabled={!canSignIn} loading={busy === "mobile"} onClick={() => void test("mobile")} data-testid="admin-test-mobile">
          {t("contact.sendTestSms")}
        </Button>
      </Group>
      <ChangeContactModal
        kind={open}
        sandbox={status.company.is_sandbox}
        onClose={() => setOpen(null)}
        onDone={(c) => setContact(c)}
      />
    </Stack>
  );
}

/**
 * One change: step 1 the new value ("Send … Request"), step 2 the code that came by
 * the other channel ("Set …"). Nothing is saved before the provider confirmed.
 */
export function ChangeContactModal({
  kind, sandbox, onClose, onDone,
}: { kind: ContactKind | null; sandbox: boolean; onClose: () => void; onDone: (c: AdminContact) => void }) {
  const { t } = useTranslation();
  const [requested, setRequested] = useState(false);
  const { busy: running, error, setError, attempt: run } = useAttempt();
  const busy = running !== null;
  const email = kind === "email";
  const form = useForm({
    mode: "controlled",
    initialValues: { value: "", code: "" },
    validateInputOnBlur: true,
    validate: {
      value: (v) => {
        const key = email ? validateNewEmail(v) : validateNewMobile(v);
        return key ? t(key) : null;
      },
      code: (c) => (requested && validateCode(c) ? t(validateCode(c)!) : null),
    },
  });
  const close = () => {
    form.reset();
    setRequested(false);
    setError(null);
    onClose();
  };
  const request = () =>
    run(async () => {
      const v = form.values.value.trim();
      await (email ? epostEmailRequest(v) : epostMobileRequest(v));
      setRequested(true);
    });
  const submit = form.onSubmit(({ value, code }) => {
    if (!requested) return void request();
    return void run(async () => {
      const v = value.trim();
      const c = email ? await epostSetEmail(v, code.trim()) : await epostSetMobile(v, code.trim());
      notifications.show({ color: "green", autoClose: 8000, message: t(email ? "contact.emailDone" : "contact.mobileDone", { value: v }) });
      onDone(c);
      close();
    });
  });
  const title = email ? t("contact.emailTitle") : t("contact.mobileTitle");
  return (
    <Modal
      opened={kind !== null}
      onClose={close}
      title={title}
      data-testid="contact-modal"
      // In the sandbox the code is read in the Sandbox inbox screen: keep the window usable behind the dialog.
      withOverlay={!sandbox}
      trapFocus={!sandbox}
      lockScroll={!sandbox}
      closeOnClickOutside={false}
      centered={!sandbox}
      styles={sandbox ? { inner: { justifyContent: "flex-end", alignItems: "flex-end", padding: 24 } } : undefined}
    >
      {/* The section sits inside Setup's own form; React bubbles a submit through the portal, so stop it here. */}
      <form
        onSubmit={(e) => {
          e.stopPropagation();
          submit(e);
        }}
        noValidate
      >
        <Stack gap="sm">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid="contact-warning">
            {email ? t("contact.emailWarning") : t("contact.mobileWarning")}
          </Alert>
          <TextInput
            label={email ? t("contact.newEmail") : t("contact.newMobile")}
            description={email ? undefined : t("contact.mobileFormat")}
            type={email ? "email" : "tel"}
            autoComplete={email ? "email" : "tel"}
            readOnly={requested}
            variant={requested ? "filled" : "default"}
            data-autofocus
            data-testid="contact-new-value"
            {...form.getInputProps("value")}
          />
          {requested && (
            <>
              <Text size="sm" data-testid="contact-code-sent">{email ? t("contact.codeSentSms") : t("contact.codeSentEmail")}</Text>
              {sandbox && <Text size="xs" c="dimmed">{t("contact.sandboxHint")}</Text>}
              <TextInput
                label={email ? t("contact.smsCode") : t("contact.emailCode")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                data-testid="contact-code"
                {...form.getInputProps("code")}
              />
            </>
          )}
          {error && <ErrorNotice error={error} />}
          <Group justify="space-between">
            {requested ? (
              <Button variant="subtle" size="xs" disabled={busy} onClick={() => void request()} data-testid="contact-resend">{t("contact.newCode")}</Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={close}>{t("common.cancel")}</Button>
              <Button type="submit" loading={busy} data-testid="contact-ok">
                {requested ? (email ? t("contact.setEmail") : t("contact.setMobile")) : email ? t("contact.sendEmailRequest") : t("contact.sendMobileRequest")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
