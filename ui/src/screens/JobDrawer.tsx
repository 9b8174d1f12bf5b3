import { Code, Divider, Drawer, Group, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";
import { IconCircleCheck, IconCircleDot, IconCircleX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { Letter } from "../bindings/Letter";
import { ErrorNotice } from "../components/ErrorNotice";
import { StatusChip } from "../components/StatusChip";
import { formatBytes, formatDateTime } from "../lib/format";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function JobDrawer({ job, provider, onClose }: { job: Letter | null; provider: string; onClose: () => void }) {
  const { t } = useTranslation();
  const none = t("common.none");
  const yes = (b: boolean) => (b ? t("common.yes") : t("common.no"));
  const address = job?.recipient?.lines ?? job?.preflight.address?.lines ?? [];

  return (
    <Drawer
      opened={job !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={<Title order={3} size="h4">{t("jobs.drawerTitle")}</Title>}
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="job-drawer"
    >
      {job && (
        <Stack gap="lg">
          <Stack gap={6}>
            <Text fw={600} style={{ wordBreak: "break-all" }}>
              {job.file_name}
            </Text>
            <Group gap="xs">
              <StatusChip state={job.state} />
              <Text size="xs" c="dimmed">
                {provider}
              </Text>
            </Group>
          </Stack>

          {job.last_error && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                {t("jobs.lastError")}
              </Text>
              <ErrorNotice error={job.last_error} />
            </Stack>
          )}

          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <Field label={t("jobs.recipient")}>
              {address.length ? address.map((l, i) => <div key={i}>{l}</div>) : none}
            </Field>
            <Field label={t("jobs.pages")}>
              {job.pages} · {formatBytes(job.bytes)}
            </Field>
            <Field label={t("jobs.providerId")}>{job.provider_id ? <Code>{job.provider_id}</Code> : none}</Field>
            <Field label={t("jobs.providerStatus")}>{job.provider_status ?? none}</Field>
            <Field label={t("jobs.registeredNumber")}>{job.registered_number ? <Code>{job.registered_number}</Code> : none}</Field>
            <Field label={t("jobs.attempts")}>{job.attempts}</Field>
            <Field label={t("jobs.created")}>{formatDateTime(job.created_at)}</Field>
            <Field label={t("jobs.updated")}>{formatDateTime(job.updated_at)}</Field>
          </SimpleGrid>

          <Field label={t("jobs.options")}>
            {t("option.color")}: {yes(job.options.color)} · {t("option.duplex")}: {yes(job.options.duplex)} ·{" "}
            {t("option.registered")}: {t(`registered.${job.options.registered}`)} · {t("option.cover_letter")}:{" "}
            {yes(job.options.cover_letter)}
          </Field>

          <Divider />
          <Stack gap="sm">
            <Title order={4} size="h5">
              {t("jobs.history")}
            </Title>
            {job.history.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("jobs.noHistory")}
              </Text>
            ) : (
              <Timeline active={job.history.length - 1} bulletSize={22} lineWidth={2} data-testid="job-history">
                {job.history.map((h, i) => (
                  <Timeline.Item
                    key={`${h.state}-${h.at}-${i}`}
                    color={h.state === "failed" ? "red" : undefined}
                    bullet={
                      h.state === "failed" ? (
                        <IconCircleX size={14} />
                      ) : h.state === "sent" ? (
                        <IconCircleCheck size={14} />
                      ) : (
                        <IconCircleDot size={14} />
                      )
                    }
                    title={<Text size="sm" fw={600}>{t(`state.${h.state}`)}</Text>}
                  >
                    <Text size="xs" c="dimmed">
                      {formatDateTime(h.at)}
                    </Text>
                    {h.note && <Text size="xs">{h.note}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
