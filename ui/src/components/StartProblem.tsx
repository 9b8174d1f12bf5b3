import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconDatabaseExclamation, IconLock } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { recoverDatabase, recoveryInfo, reopenData, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import type { RecoveryAction } from "../bindings/RecoveryAction";
import type { RecoveryInfo } from "../bindings/RecoveryInfo";
import { formatDateTime } from "../lib/format";
import { ErrorDetails, ErrorNotice } from "./ErrorNotice";

/**
 * Postdesk could not open its data. A locked database: say who probably holds it
 * and offer Try again. A damaged one: restore the newest start-up backup or start
 * empty — the damaged file is kept aside either way. Anything else: the error and Try again.
 */
export function StartProblem({ error, onOpened }: { error: AppError; onOpened: (s: AppStatus) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<AppError | null>(null);
  const [info, setInfo] = useState<RecoveryInfo | null>(null);
  const current = failed ?? error;

  useEffect(() => {
    if (current.code === "db_corrupt") recoveryInfo().then(setInfo, () => setInfo(null));
  }, [current.code]);

  const attempt = async (action: () => Promise<AppStatus>) => {
    setBusy(true);
    try {
      onOpened(await action());
    } catch (e) {
      setFailed(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const recover = (action: RecoveryAction) =>
    modals.openConfirmModal({
      title: t(action === "restore_backup" ? "startProblem.restoreTitle" : "startProblem.freshTitle"),
      children: <Text size="sm">{t(action === "restore_backup" ? "startProblem.restoreText" : "startProblem.freshText")}</Text>,
      labels: { confirm: t(action === "restore_backup" ? "startProblem.restore" : "startProblem.fresh"), cancel: t("common.cancel") },
      confirmProps: { "data-testid": "recover-confirm", color: action === "start_fresh" ? "red" : undefined },
      onConfirm: () => void attempt(() => recoverDatabase(action)),
    });

  if (current.code === "db_locked") {
    return (
      <Stack maw={560} data-testid="start-problem" data-code="db_locked">
        <Group gap="sm" wrap="nowrap">
          <IconLock size={32} aria-hidden />
          <Title order={2} size="h3">{t("startProblem.lockedTitle")}</Title>
        </Group>
        <Text>{t("startProblem.lockedText")}</Text>
        <ErrorDetails error={current} />
        <Button data-testid="start-retry" w="fit-content" loading={busy} onClick={() => void attempt(reopenData)}>
          {t("common.retry")}
        </Button>
      </Stack>
    );
  }

  if (current.code === "db_corrupt") {
    return (
      <Stack maw={600} data-testid="start-problem" data-code="db_corrupt">
        <Group gap="sm" wrap="nowrap">
          <IconDatabaseExclamation size={32} aria-hidden />
          <Title order={2} size="h3">{t("startProblem.corruptTitle")}</Title>
        </Group>
        <Text>{t("startProblem.corruptText")}</Text>
        {info && (
          <Text size="sm" c="dimmed" data-testid="backup-info">
            {info.latest_backup_at ? t("startProblem.backupFrom", { at: formatDateTime(info.latest_backup_at) }) : t("startProblem.noBackup")}
          </Text>
        )}
        <ErrorDetails error={current} />
        <Group gap="sm">
          {info?.latest_backup_at && (
            <Button data-testid="recover-restore" loading={busy} onClick={() => recover("restore_backup")}>
              {t("startProblem.restore")}
            </Button>
          )}
          <Button data-testid="recover-fresh" variant={info?.latest_backup_at ? "default" : "filled"} loading={busy} onClick={() => recover("start_fresh")}>
            {t("startProblem.fresh")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack maw={520} data-testid="start-problem" data-code={current.code}>
      <Text fw={600}>{t("app.startFailed")}</Text>
      <ErrorNotice error={current} />
      <Button variant="default" data-testid="start-retry" loading={busy} onClick={() => void attempt(reopenData)} w="fit-content">
        {t("common.retry")}
      </Button>
    </Stack>
  );
}
