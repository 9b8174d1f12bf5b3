// EasyPost Connect's ways in, for the setup form: the choice "API key / OAuth2 client", the
// OAuth2 client's id (a setting) and secret (keychain only), and the optional client certificate
// for mutual TLS (its path a setting, a PKCS#12 password keychain only). Secrets are typed,
// stored with their own button and cleared; the window only ever learns "set / not set".
import { Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { easypostSetKey, pickCertificate } from "../../api";
import type { AppStatus } from "../../bindings/AppStatus";
import type { EasypostAuth } from "../../bindings/EasypostAuth";
import type { EasypostSecret } from "../../bindings/EasypostSecret";

type Attempt = (run: () => Promise<void>, what: string) => Promise<void>;

export function AuthChoice({ value, onChange, disabled }: { value: EasypostAuth; onChange: (v: EasypostAuth) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>{t("easypost.authMode")}</Text>
      <SegmentedControl
        value={value}
        onChange={(v) => onChange(v as EasypostAuth)}
        disabled={disabled}
        data={[
          { value: "api_key", label: t("easypost.authApiKey") },
          { value: "oauth2", label: t("easypost.authOauth2") },
        ]}
        data-testid="easypost-auth"
        style={{ alignSelf: "flex-start" }}
      />
      <Text size="xs" c="dimmed">{t("easypost.authHelp")}</Text>
    </Stack>
  );
}

/** A secret typed once and stored with its own button; the field shows only whether one is set. */
export function SecretField({
  which, label, help, stored, saveLabel, savedMessage, allowEmpty, disabled, attempt, busy, onStatus, testId,
}: {
  which: EasypostSecret; label: string; help: string; stored: boolean; saveLabel: string; savedMessage: string;
  allowEmpty?: boolean; disabled?: boolean; attempt: Attempt; busy: string | null; onStatus: (s: AppStatus) => void; testId: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  const can = !disabled && (allowEmpty ? value !== "" || stored : value.trim() !== "");
  const store = () =>
    attempt(async () => {
      onStatus(await easypostSetKey(which === "certificate_password" ? value : value.trim(), which));
      setValue("");
      notifications.show({ color: "green", message: savedMessage });
    }, which);
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <PasswordInput
        style={{ flex: 1 }}
        label={label}
        description={help}
        placeholder={stored ? `•••••• (${t("setup.masked")})` : t("common.notSet")}
        disabled={disabled}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (can) void store();
          }
        }}
        autoComplete="off"
        data-testid={testId}
        data-stored={stored}
      />
      <Button variant="default" disabled={!can} loading={busy === which} onClick={() => void store()} data-testid={`${testId}-save`}>
        {saveLabel}
      </Button>
    </Group>
  );
}

/** The client certificate's file (picked with the system dialog) and its password. `password`
 *  replaces the password's own store button where the secret is stored with the rest (the assistant). */
export function CertificateFields({
  path, onPath, passwordStored, attempt, busy, onStatus, password,
}: {
  path: string; onPath: (p: string) => void; passwordStored: boolean; attempt: Attempt; busy: string | null; onStatus: (s: AppStatus) => void; password?: ReactNode;
}) {
  const { t } = useTranslation();
  const choose = () =>
    attempt(async () => {
      const picked = await pickCertificate(t("easypost.pickCertificate"));
      if (picked) onPath(picked);
    }, "pick");
  return (
    <Stack gap="xs" data-testid="easypost-certificate">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={t("easypost.certificate")}
          description={t("easypost.certificateHelp")}
          value={path}
          placeholder={t("easypost.certificateNone")}
          readOnly
          data-testid="easypost-certificate-path"
        />
        <Button variant="default" onClick={() => void choose()} data-testid="easypost-certificate-choose">{t("easypost.certificateChoose")}</Button>
        {path !== "" && (
          <Button variant="subtle" color="gray" onClick={() => onPath("")} data-testid="easypost-certificate-remove">{t("easypost.certificateRemove")}</Button>
        )}
      </Group>
      {path !== "" && password}
      {path !== "" && !password && (
        <SecretField
          which="certificate_password"
          label={t("easypost.certificatePassword")}
          help={t("easypost.certificatePasswordHelp")}
          stored={passwordStored}
          saveLabel={t("easypost.savePassword")}
          savedMessage={t("easypost.passwordSaved")}
          allowEmpty
          attempt={attempt}
          busy={busy}
          onStatus={onStatus}
          testId="easypost-certificate-password"
        />
      )}
    </Stack>
  );
}
