import { Alert, Button, Code, Collapse, CopyButton, Group, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAlertCircle, IconCheck, IconChevronDown, IconChevronRight, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { AppError } from "../bindings/AppError";
import { errorText } from "../lib/errors";

export function supportText(error: AppError): string {
  return [`Postdesk error ${error.code}`, error.message, error.details ?? "", `at ${new Date().toISOString()}`]
    .filter((l) => l !== "")
    .join("\n");
}

/** One sentence for the clerk; the code and technical text one click away. */
export function ErrorDetails({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          variant="subtle"
          size="compact-xs"
          color="gray"
          onClick={toggle}
          aria-expanded={open}
          leftSection={open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
        >
          {open ? t("common.hideDetails") : t("common.details")}
        </Button>
      </Group>
      <Collapse in={open}>
        <Stack gap={6} pl="xs">
          <Text size="xs" c="dimmed">
            {t("common.code")}: <Code>{error.code}</Code>
          </Text>
          {error.details && (
            <Code block style={{ whiteSpace: "pre-wrap", maxHeight: 160, overflow: "auto" }}>
              {error.details}
            </Code>
          )}
          <CopyButton value={supportText(error)}>
            {({ copied, copy }) => (
              <Button
                size="compact-xs"
                variant="default"
                onClick={copy}
                w="fit-content"
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              >
                {copied ? t("common.copied") : t("common.copyForSupport")}
              </Button>
            )}
          </CopyButton>
        </Stack>
      </Collapse>
    </Stack>
  );
}

export function ErrorNotice({
  error,
  title,
  onRetry,
  onClose,
}: {
  error: AppError;
  title?: string;
  onRetry?: () => void;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="error-notice"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={title}
      withCloseButton={!!onClose}
      onClose={onClose}
      closeButtonLabel={t("common.dismiss")}
      role="alert"
    >
      <Stack gap={6}>
        <Text size="sm" data-testid="error-message">
          {errorText(t, error)}
        </Text>
        <Group gap="xs" align="flex-start">
          <ErrorDetails error={error} />
          {onRetry && (
            <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
              {t("common.retry")}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
