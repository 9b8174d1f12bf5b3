// A secret typed or pasted once (an API key, a password): it goes to the
// keychain through `save`, and never comes back to the window.
import { Button, Group, Modal, PasswordInput, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import { useLocalError } from "../hooks/useAttempt";
import { ErrorNotice } from "./ErrorNotice";

export function SecretModal({
  opened, title, label, help, emptyError, savedMessage, testId, save, onClose, onDone,
}: {
  opened: boolean;
  title: string;
  label: string;
  help?: string;
  /** Said at the field when nothing was typed. */
  emptyError: string;
  savedMessage: string;
  /** Prefix of the test ids: `<testId>-modal`, `-input`, `-save`. */
  testId: string;
  save: (secret: string) => Promise<AppStatus>;
  onClose: () => void;
  onDone: (s: AppStatus) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalError();
  const [error, setError] = useState<AppError | null>(null);
  const form = useForm({ mode: "controlled", initialValues: { secret: "" }, validate: { secret: (s) => (s.trim() ? null : emptyError) } });
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ secret }) => {
    try {
      onDone(await save(secret));
      notifications.show({ color: "green", message: savedMessage });
      close();
    } catch (e) {
      setError(local(e));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title={title} centered data-testid={`${testId}-modal`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput label={label} description={help} data-testid={`${testId}-input`} data-autofocus {...form.getInputProps("secret")} />
          {error && <ErrorNotice error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>{t("common.cancel")}</Button>
            <Button type="submit" data-testid={`${testId}-save`}>{t("setup.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
