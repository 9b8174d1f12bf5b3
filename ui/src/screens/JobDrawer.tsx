import { Alert, Badge, Button, Code, Divider, Drawer, Group, List, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";
import { IconCircleCheck, IconCircleDot, IconCircleX, IconFileTypePdf, IconInfoCircle, IconTestPipe } from "@tabler/icons-react";
import { notifications } from "@mantine/notifications";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { cancelLetter, openArchivedPdf, openTestResult, toAppError } from "../api";
import { useAttempt } from "../hooks/useAttempt";
import type { AppError } from "../bindings/AppError";
import type { Letter } from "../bindings/Letter";
import { ErrorNotice } from "../components/ErrorNotice";
import { WrappingPath } from "../components/SourceFolder";
import { StatusChip } from "../components/StatusChip";
import { stateExplainedKey, stateKey } from "../lib/letters";
import { providerMessages } from "../lib/errors";
import { splitOrigin } from "../lib/split";
import { scheduleNote } from "../lib/sendOn";
import { formatBytes, formatDateTime } from "../lib/format";
import type { ProviderKind } from "../bindings/ProviderKind";
import { Deliveries } from "./jobs/Deliveries";

/** A history note: worded when the core wrote it as a code (a scheduled letter's release), else as written. */
function noteText(t: (key: string, values?: Record<string, string>) => string, note: string): string {
  const coded = scheduleNote(note);
  return coded ? t(coded.key, coded.values) : note;
}

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

/** The provider's own messages, one line each ("E612: text"), as it gave them. */
export function providerErrors(error: AppError | null): string[] {
  return providerMessages(error).map((m) => (m.code ? `${m.code}: ${m.text}` : m.text));
}

/** Opens the archived PDF and the test result; says what happened. */
function FileActions({ job }: { job: Letter }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<"archive" | "test" | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    setOpened(null);
    setError(null);
  }, [job.id]);
  const run = async (what: "archive" | "test") => {
    setBusy(what);
    setError(null);
    try {
      setOpened(await (what === "archive" ? openArchivedPdf(job.id) : openTestResult(job.id)));
    } catch (e) {
      const err = toAppError(e);
      // In the clerk's language where we know the code; the core's English stays in the details.
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t("jobs.files")}
      </Title>
      <Group gap="sm">
        {job.archived ? (
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            loading={busy === "archive"}
            onClick={() => void run("archive")}
            data-testid="open-archived-pdf"
          >
            {t("jobs.openArchived")}
          </Button>
        ) : null}
        {job.test_mode && (
          <Button
            variant="light"
            color="orange"
            leftSection={<IconTestPipe size={16} />}
            loading={busy === "test"}
            disabled={!job.provider_id}
            onClick={() => void run("test")}
            data-testid="open-test-result"
          >
            {t("jobs.openTestResult")}
          </Button>
        )}
      </Group>
      {!job.archived && (
        <Text size="xs" c="dimmed" data-testid="archive-not-kept">
          {t("jobs.notArchived")}
        </Text>
      )}
      {job.test_mode && (
        <Text size="xs" c="dimmed">
          {job.provider_id ? t("jobs.testResultHint") : t("jobs.testResultWaiting")}
        </Text>
      )}
      {opened && (
        <Text size="xs" data-testid="opened-file" style={{ wordBreak: "break-all" }}>
          {t("jobs.openedFile", { path: opened })}
        </Text>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </Stack>
  );
}

/** "Cancel at the provider", where the provider allows it; for a scheduled letter, "Cancel sending" (it never left Postdesk). Asks first. */
function CancelAtProvider({ job }: { job: Letter }) {
  const scheduled = job.state === "scheduled";
  const { t } = useTranslation();
  const { busy, error, setError, attempt } = useAttempt();
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    setAsking(false);
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.id]);
  const cancel = () =>
    attempt(async () => {
      await cancelLetter(job.id);
      setAsking(false);
      notifications.show({ color: "green", message: t(scheduled ? "schedule.cancelDone" : "jobs.cancelDone") });
    });
  return (
    <Stack gap="xs">
      {asking ? (
        <Alert color="orange" variant="light" p="xs" title={t(scheduled ? "schedule.cancelQuestion" : "jobs.cancelQuestion")} data-testid="job-cancel-question">
          <Group gap="xs" mt={4}>
            <Button size="xs" color="red" loading={busy !== null} onClick={() => void cancel()} data-testid="job-cancel-confirm">
              {t("jobs.cancelConfirm")}
            </Button>
            <Button size="xs" variant="default" onClick={() => setAsking(false)}>
              {t("jobs.cancelKeep")}
            </Button>
          </Group>
        </Alert>
      ) : (
        <Button variant="default" color="red" w="fit-content" onClick={() => setAsking(true)} data-testid="job-cancel">
          {t(scheduled ? "schedule.cancel" : "jobs.cancelAtProvider")}
        </Button>
      )}
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
    </Stack>
  );
}

/** `deliveries`: the letter's provider reports deliveries (`ProviderDescription.deliveries`); `providerKind` words their statuses. */
export function JobDrawer({
  job,
  provider,
  providerKind,
  canCancel = false,
  deliveries = false,
  onClose,
}: {
  job: Letter | null;
  provider: string;
  providerKind?: ProviderKind;
  canCancel?: boolean;
  deliveries?: boolean;
  onClose: () => void;
}) {
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
            {splitOrigin(t, job) && (
              <Text size="sm" c="dimmed" data-testid="job-drawer-origin">
                {splitOrigin(t, job)}
              </Text>
            )}
            <Group gap="xs">
              <StatusChip state={job.state} provider={providerKind} providerStatus={job.provider_status} sendOn={job.send_on} />
              {job.test_mode && (
                <Badge color="orange" variant="outline" radius="sm" size="sm">
                  {t("jobs.testBadge")}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {provider}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" data-testid="job-state-explained">
              {t(stateExplainedKey(job.state, providerKind))}
            </Text>
            {((canCancel && ["submitted", "accepted", "released", "printing"].includes(job.state)) || job.state === "scheduled") && <CancelAtProvider job={job} />}
          </Stack>

          {job.last_error && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                {t("jobs.lastError")}
              </Text>
              <ErrorNotice error={job.last_error} />
              {providerErrors(job.last_error).length > 0 && (
                <Alert color="red" variant="outline" p="xs" icon={<IconInfoCircle size={16} />} title={t("jobs.errorList")}>
                  <List size="sm" spacing={2} data-testid="job-error-list">
                    {providerErrors(job.last_error).map((e) => (
                      <List.Item key={e}>{e}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </Stack>
          )}

          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <Field label={t("jobs.recipient")}>
              {address.length ? address.map((l, i) => <div key={i}>{l}</div>) : none}
            </Field>
            <Field label={t("jobs.pages")}>
              {job.pages} · {formatBytes(job.bytes)}
            </Field>
            <Field label={t("jobs.providerId")}>{job.provider_id ? <Code style={{ wordBreak: "break-all" }}>{job.provider_id}</Code> : none}</Field>
            <Field label={t("jobs.providerStatus")}>{job.provider_status ?? none}</Field>
            <Field label={t("jobs.registeredNumber")}>{job.registered_number ? <Code>{job.registered_number}</Code> : none}</Field>
            <Field label={t("jobs.attempts")}>{job.attempts}</Field>
            <Field label={t("dialog.costCenter")}>{job.cost_center ? <Code data-testid="job-cost-center">{job.cost_center}</Code> : none}</Field>
            <Field label={t("dialog.reference")}>
              <span data-testid="job-reference">{job.reference ?? none}</span>
            </Field>
            <Field label={t("jobs.created")}>{formatDateTime(job.created_at)}</Field>
            <Field label={t("jobs.updated")}>{formatDateTime(job.updated_at)}</Field>
          </SimpleGrid>

          {job.source_folder && (
            <Field label={t("hotFolders.cameFrom")}>
              <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }} data-testid="job-drawer-source-folder">
                <WrappingPath path={job.source_folder} />
              </Text>
            </Field>
          )}

          <Field label={t("jobs.options")}>
            {t("option.color")}: {yes(job.options.color)} · {t("option.duplex")}: {yes(job.options.duplex)} ·{" "}
            {t("option.registered")}: {t(`registered.${job.options.registered}`)} · {t("option.cover_letter")}:{" "}
            {yes(job.options.cover_letter)}
          </Field>

          <FileActions job={job} />

          {deliveries && job.provider_id && (
            <>
              <Divider />
              <Deliveries job={job} provider={providerKind} />
            </>
          )}

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
                    title={<Text size="sm" fw={600}>{t(stateKey(h.state, providerKind))}</Text>}
                  >
                    <Text size="xs" c="dimmed">
                      {formatDateTime(h.at)}
                    </Text>
                    {h.note && <Text size="xs">{noteText(t, h.note)}</Text>}
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
