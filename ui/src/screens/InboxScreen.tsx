import { ActionIcon, Badge, Button, Center, Code, CopyButton, Group, Loader, Paper, ScrollArea, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconMail, IconMessage, IconRefresh } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { sandboxInbox, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { InboxMessage } from "../bindings/InboxMessage";
import { ErrorNotice } from "../components/ErrorNotice";
import { formatDateTime } from "../lib/format";

export function InboxScreen() {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<InboxMessage[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const list = await sandboxInbox();
      setMessages([...list].sort((a, b) => (a.at < b.at ? 1 : -1)));
      setError(null);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2} size="h3">
            {t("inbox.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("inbox.intro")}
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => void refresh()}
          loading={loading}
          data-testid="inbox-refresh"
        >
          {t("common.refresh")}
        </Button>
      </Group>
      {error && <ErrorNotice error={error} onRetry={() => void refresh()} />}
      <ScrollArea style={{ flex: 1 }} type="auto">
        {messages === null && !error && (
          <Center py="xl">
            <Loader size="sm" />
          </Center>
        )}
        {messages?.length === 0 && (
          <Center py={64}>
            <Text c="dimmed" size="sm">
              {t("inbox.empty")}
            </Text>
          </Center>
        )}
        <Stack gap="sm" role="list" aria-label={t("inbox.list")} maw={760}>
          {messages?.map((m) => (
            <Paper key={m.id} withBorder radius="md" p="md" data-testid="inbox-message" role="listitem">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
                <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
                  <Group gap="xs">
                    <Badge
                      variant="light"
                      color={m.channel === "sms" ? "teal" : "blue"}
                      radius="sm"
                      leftSection={m.channel === "sms" ? <IconMessage size={12} /> : <IconMail size={12} />}
                    >
                      {t(`inbox.${m.channel}`)}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {t("inbox.to", { to: m.to })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(m.at)}
                    </Text>
                  </Group>
                  {m.subject && (
                    <Text size="sm" fw={600}>
                      {m.subject}
                    </Text>
                  )}
                  <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                    {m.body}
                  </Text>
                </Stack>
                {m.code && (
                  <Stack gap={4} align="center">
                    <Text size="xs" c="dimmed">
                      {t("inbox.code")}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      <Code
                        data-testid="inbox-code"
                        fz="xl"
                        fw={700}
                        px="sm"
                        py={4}
                        style={{ letterSpacing: "0.15em", background: "var(--mantine-color-yellow-light)" }}
                      >
                        {m.code}
                      </Code>
                      <CopyButton value={m.code}>
                        {({ copied, copy }) => (
                          <Tooltip label={copied ? t("common.copied") : t("inbox.copyCode", { code: m.code })} withArrow>
                            <ActionIcon variant="subtle" color={copied ? "green" : "gray"} onClick={copy} aria-label={t("inbox.copyCode", { code: m.code })}>
                              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </CopyButton>
                    </Group>
                  </Stack>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
