import { Alert, Button, CloseButton, Group, Paper, Progress, Stack, Text, Tooltip } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconPlayerPause, IconPlayerPlay, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { BatchProgress } from "../bindings/BatchProgress";
import { useOutboxProgress } from "../hooks/useOutboxProgress";
import { ErrorNotice } from "./ErrorNotice";

/** Progress of the batches being sent, with pause, resume and cancel; shown on every screen. */
export function OutboxPanel() {
  const { t } = useTranslation();
  const { paused, batches, error, pause, resume, cancel, dismiss, clearError } = useOutboxProgress();
  if (batches.length === 0 && !paused && !error) return null;
  // A batch on its way carries its own Resume button; the notice has one only when none does.
  const resumeInRow = batches.some((b) => !b.done);

  const confirmCancel = (b: BatchProgress) =>
    modals.openConfirmModal({
      title: t("outbox.cancelTitle"),
      children: <Text size="sm">{t("outbox.cancelText", { count: b.queued - b.retrying })}</Text>,
      labels: { confirm: t("outbox.cancelConfirm"), cancel: t("outbox.cancelKeep") },
      confirmProps: { color: "red", "data-testid": "outbox-cancel-confirm" },
      onConfirm: () => void cancel(b.id),
    });

  return (
    <Stack gap="xs" mb="sm" data-testid="outbox-panel" data-paused={paused || undefined}>
      {error && <ErrorNotice error={error} onClose={clearError} />}
      {paused && (
        <Alert color="yellow" variant="light" icon={<IconPlayerPause aria-hidden />} data-testid="outbox-paused" title={t("outbox.pausedTitle")}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("outbox.pausedText")}</Text>
            {!resumeInRow && (
              <Button data-testid="outbox-resume" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => void resume()}>
                {t("outbox.resume")}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      {batches.map((b) => (
        <BatchRow
          key={b.id}
          batch={b}
          paused={paused}
          onPause={() => void pause()}
          onResume={() => void resume()}
          onCancel={() => confirmCancel(b)}
          onDismiss={() => dismiss(b.id)}
        />
      ))}
    </Stack>
  );
}

function BatchRow({
  batch: b,
  paused,
  onPause,
  onResume,
  onCancel,
  onDismiss,
}: {
  batch: BatchProgress;
  paused: boolean;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language);
  const pct = (n: number) => (b.total === 0 ? 0 : (n / b.total) * 100);
  const title = b.done
    ? t("outbox.titleDone", { count: b.total })
    : paused
      ? t("outbox.titlePaused", { count: b.total })
      : t("outbox.titleSending", { count: b.total });
  const counts: [string, number, string][] = [
    ["checked", b.total, "dimmed"],
    ["queued", b.queued, "dimmed"],
    ["sending", b.sending, "blue"],
    ["sent", b.sent, "green"],
    ["failed", b.failed, "red"],
    ["cancelled", b.cancelled, "gray"],
  ];
  const cancellable = b.queued - b.retrying;
  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="outbox-batch" data-batch={b.id} data-done={b.done || undefined}>
      {/* Title and actions together on the left, close to what they act on. */}
      <Group justify="space-between" wrap="nowrap" gap="md" mb={6}>
        <Group gap="md" wrap="nowrap">
          <Text fw={600} size="sm" data-testid="outbox-title" aria-live="polite">
            {title}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {!b.done &&
              (paused ? (
                <Button size="compact-sm" variant="light" data-testid="outbox-resume-batch" leftSection={<IconPlayerPlay size={14} aria-hidden />} onClick={onResume}>
                  {t("outbox.resume")}
                </Button>
              ) : (
                <Tooltip label={t("outbox.pauseHint")} multiline w={260}>
                  <Button size="compact-sm" variant="default" data-testid="outbox-pause" leftSection={<IconPlayerPause size={14} aria-hidden />} onClick={onPause}>
                    {t("outbox.pause")}
                  </Button>
                </Tooltip>
              ))}
            {!b.done && cancellable > 0 && (
              <Button size="compact-sm" variant="subtle" color="red" data-testid="outbox-cancel" leftSection={<IconX size={14} aria-hidden />} onClick={onCancel}>
                {t("outbox.cancel")}
              </Button>
            )}
          </Group>
        </Group>
        {b.done && <CloseButton data-testid="outbox-dismiss" aria-label={t("common.close")} onClick={onDismiss} />}
      </Group>
      <Progress.Root size="lg" aria-label={title}>
        <Progress.Section value={pct(b.sent)} color="green" />
        <Progress.Section value={pct(b.failed)} color="red" />
        <Progress.Section value={pct(b.cancelled)} color="gray" />
        <Progress.Section value={pct(b.sending)} color="blue" striped animated={!paused} />
      </Progress.Root>
      <Group gap="md" mt={6} wrap="wrap">
        {counts.map(([name, n, color]) => (
          <Text key={name} size="xs" c={n > 0 && color !== "dimmed" ? color : "dimmed"} data-testid={`outbox-count-${name}`} data-count={n}>
            {t(`outbox.count.${name}`)}: <b>{nf.format(n)}</b>
          </Text>
        ))}
      </Group>
      {b.retrying > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("outbox.retrying", { count: b.retrying })}
        </Text>
      )}
    </Paper>
  );
}
