// A letter's deliveries in the job drawer, where the provider reports them
// (`ProviderDescription.deliveries`; EasyPost's sending events): one per
// recipient and channel, with its status, its files (proof of delivery,
// submission report) and "Send again" for a final one.
import { Alert, Badge, Button, Code, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconFileCertificate, IconFileDescription, IconRefresh, IconRepeat } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { letterDeliveries, openDeliveryFile, resendDelivery } from "../../api";
import type { AppError } from "../../bindings/AppError";
import type { Delivery } from "../../bindings/Delivery";
import type { DeliveryFile } from "../../bindings/DeliveryFile";
import type { DeliveryState } from "../../bindings/DeliveryState";
import type { Letter } from "../../bindings/Letter";
import type { ProviderKind } from "../../bindings/ProviderKind";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useLocalError } from "../../hooks/useAttempt";
import { formatDateTime } from "../../lib/format";
import { STATE_COLOR } from "../../lib/letters";
import { channelText } from "../../providers/easypost/EasypostParts";

/** How often the list is asked again while a delivery is on its way (ms). */
export const DELIVERIES_REFRESH_MS = 10_000;

const FINAL: DeliveryState[] = ["sent", "failed", "cancelled"];
export const isFinal = (d: Delivery) => FINAL.includes(d.state);

/** The statuses a provider reports that the window has words for (`deliveries.status.<provider>.<code>`). */
const PROVIDER_STATUSES: Partial<Record<ProviderKind, string[]>> = {
  easypost: ["CREATED", "PROCESSING", "PRINTED", "SENT", "DELIVERED", "FAILED", "CANCELLED"],
};

/** A delivery's status in the clerk's words: the provider's own where we know it, else the general state's. */
export function deliveryStatusText(t: TFunction, d: Delivery, provider?: ProviderKind): string {
  if (provider && PROVIDER_STATUSES[provider]?.includes(d.provider_status)) return t(`deliveries.status.${provider}.${d.provider_status}`);
  return t(`deliveries.state.${d.state}`);
}

const fileOf = (d: Delivery, kind: DeliveryFile["kind"]) => d.files.find((f) => f.kind === kind);

type Action = { deliveryId: string; kind: "epod" | "report" | "resend" };

export function Deliveries({ job, provider }: { job: Letter; provider?: ProviderKind }) {
  const { t } = useTranslation();
  const local = useLocalError();
  const [list, setList] = useState<Delivery[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<{ deliveryId: string; error: AppError } | null>(null);
  const [opened, setOpened] = useState<{ deliveryId: string; path: string } | null>(null);
  // Answers for another letter (the drawer moved on) or older than the last one asked are dropped.
  const asked = useRef(0);
  const jobId = useRef(job.id);
  jobId.current = job.id;

  const load = useCallback(async () => {
    const n = ++asked.current;
    const id = job.id;
    try {
      const got = await letterDeliveries(id);
      if (n === asked.current && id === jobId.current) {
        setList(got);
        setLoadError(null);
      }
    } catch (e) {
      if (n === asked.current && id === jobId.current) setLoadError(local(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.id]);

  // Another letter: start afresh.
  useEffect(() => {
    setList(null);
    setLoadError(null);
    setActionError(null);
    setOpened(null);
  }, [job.id]);

  // When the drawer opens and whenever the letter moves on.
  useEffect(() => {
    void load();
  }, [load, job.state, job.provider_status]);

  // While a delivery is on its way (or none is reported yet for a letter on its way), ask again now and then.
  const letterFinal = ["sent", "failed", "cancelled"].includes(job.state);
  const waiting = list !== null && (list.some((d) => !isFinal(d)) || (list.length === 0 && !letterFinal));
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void load(), DELIVERIES_REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting, load]);

  const run = async (action: Action, work: () => Promise<void>) => {
    setBusy(action);
    setActionError(null);
    try {
      await work();
    } catch (e) {
      setActionError({ deliveryId: action.deliveryId, error: local(e) });
      // The refusal may come from a list that moved on (a delivery gone, a state changed): show the current one.
      void load();
    } finally {
      setBusy(null);
    }
  };

  const openFile = (d: Delivery, kind: "epod" | "report", file: DeliveryFile) =>
    run({ deliveryId: d.id, kind }, async () => {
      setOpened(null);
      const path = await openDeliveryFile(job.id, d.id, file.reference);
      setOpened({ deliveryId: d.id, path });
    });

  const resend = (d: Delivery) =>
    run({ deliveryId: d.id, kind: "resend" }, async () => {
      const after = await resendDelivery(job.id, d.id);
      if (job.id === jobId.current) {
        asked.current++; // a list asked for before the re-send is older than this one
        setList(after);
      }
      notifications.show({ color: "green", message: t("deliveries.resendDone") });
    });

  const confirmResend = (d: Delivery) =>
    modals.openConfirmModal({
      title: t("deliveries.resendTitle"),
      children: (
        <Stack gap="xs">
          <Text size="sm">{d.recipient ? t("deliveries.resendText", { recipient: d.recipient }) : t("deliveries.resendTextAnon")}</Text>
          <Text size="sm" fw={600}>
            {t("deliveries.resendCharged")}
          </Text>
        </Stack>
      ),
      labels: { confirm: t("deliveries.resendConfirm"), cancel: t("deliveries.resendKeep") },
      confirmProps: { color: "red", "data-testid": "delivery-resend-confirm" },
      onConfirm: () => void resend(d),
    });

  return (
    <Stack gap="xs" data-testid="job-deliveries" aria-busy={list === null && !loadError}>
      <Group justify="space-between">
        <Title order={4} size="h5">
          {t("deliveries.title")}
        </Title>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => void load()}
          disabled={list === null && !loadError}
          data-testid="deliveries-refresh"
        >
          {t("common.refresh")}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t("deliveries.hint")}
      </Text>
      {loadError && <ErrorNotice error={loadError} onRetry={() => void load()} />}
      {list === null && !loadError && (
        <Group gap="xs" data-testid="deliveries-loading">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t("deliveries.loading")}
          </Text>
        </Group>
      )}
      {list?.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="deliveries-empty">
          {t("deliveries.none")}
        </Text>
      )}
      {list?.map((d) => {
        const epod = fileOf(d, "proof_of_delivery");
        const report = fileOf(d, "submission_report");
        const isBusy = (kind: Action["kind"]) => busy?.deliveryId === d.id && busy.kind === kind;
        return (
          <Paper key={d.id} withBorder radius="sm" p="xs" data-testid={`delivery-${d.id}`} data-state={d.state} data-status={d.provider_status}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600} style={{ wordBreak: "break-word" }}>
                  {d.recipient || t("common.none")}
                </Text>
                <Badge
                  color={STATE_COLOR[d.state]}
                  variant={d.state === "sent" || d.state === "failed" ? "filled" : "light"}
                  radius="sm"
                  tt="none"
                  fw={600}
                  style={{ flexShrink: 0 }}
                  data-testid={`delivery-status-${d.id}`}
                >
                  {deliveryStatusText(t, d, provider)}
                </Badge>
              </Group>
              <Group gap="xs" wrap="wrap">
                {d.channel && (
                  <Text size="xs" data-testid={`delivery-channel-${d.id}`}>
                    {channelText(t, d.channel)}
                  </Text>
                )}
                {d.resend_of && (
                  <Badge variant="outline" color="gray" radius="sm" size="sm" tt="none" fw={500} data-testid={`delivery-resend-of-${d.id}`}>
                    {t("deliveries.resendOf", { id: d.resend_of })}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {t("deliveries.started", { at: formatDateTime(d.started_at) })} · {t("deliveries.modified", { at: formatDateTime(d.modified_at) })}
              </Text>
              {(d.error_code || d.error_message) && (
                <Alert color="red" variant="outline" p="xs" title={t("deliveries.errorTitle")} data-testid={`delivery-error-${d.id}`}>
                  <Text size="sm">
                    {d.error_code && <Code mr={6}>{d.error_code}</Code>}
                    {d.error_message}
                  </Text>
                </Alert>
              )}
              {(epod || report || d.can_resend) && (
                <Group gap="xs" wrap="wrap">
                  {epod && (
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconFileCertificate size={14} aria-hidden />}
                      loading={isBusy("epod")}
                      onClick={() => void openFile(d, "epod", epod)}
                      data-testid={`delivery-epod-${d.id}`}
                    >
                      {t("deliveries.epod")}
                    </Button>
                  )}
                  {report && (
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconFileDescription size={14} aria-hidden />}
                      loading={isBusy("report")}
                      onClick={() => void openFile(d, "report", report)}
                      data-testid={`delivery-report-${d.id}`}
                    >
                      {t("deliveries.report")}
                    </Button>
                  )}
                  {d.can_resend && (
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      leftSection={<IconRepeat size={14} aria-hidden />}
                      loading={isBusy("resend")}
                      onClick={() => confirmResend(d)}
                      data-testid={`delivery-resend-${d.id}`}
                    >
                      {t("deliveries.resend")}
                    </Button>
                  )}
                </Group>
              )}
              {opened?.deliveryId === d.id && (
                <Text size="xs" data-testid={`delivery-opened-${d.id}`} style={{ wordBreak: "break-all" }}>
                  {t("jobs.openedFile", { path: opened.path })}
                </Text>
              )}
              {actionError?.deliveryId === d.id && <ErrorNotice error={actionError.error} onClose={() => setActionError(null)} />}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
