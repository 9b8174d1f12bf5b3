import { Anchor, Badge, Button, Group, Kbd, Paper, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconSend, IconTestPipe } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { Letter } from "../../bindings/Letter";
import { findingText } from "../../lib/findings";
import { firstError, verdictOf } from "../../lib/letters";

/** The one primary action, and in words why it is (not) possible. */
export function SendBar({
  letters,
  blocked,
  canSend,
  sending,
  testMode = false,
  noLetters = false,
  onSend,
  onShow,
}: {
  letters: Letter[];
  blocked: Letter[];
  canSend: boolean;
  sending: boolean;
  /** Test mode on in Setup: said next to the button, so nobody expects a printed letter. */
  testMode?: boolean;
  /** The company's provider prints no letters with its access (Posti's key): why Send is off. */
  noLetters?: boolean;
  onSend: () => void;
  onShow: (id: number) => void;
}) {
  const { t } = useTranslation();
  const warned = letters.filter((l) => verdictOf(l) === "warning").length;
  const first = blocked[0];
  const firstFinding = first && firstError(first);
  const firstReason = firstFinding ? findingText(t, firstFinding).message : "";

  let reason;
  if (noLetters) {
    reason = (
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconCircleX size={18} color="var(--mantine-color-red-text)" style={{ flexShrink: 0 }} aria-hidden />
        <Text size="sm" c="var(--mantine-color-red-text)" id="send-blocked-reason" data-testid="send-blocked-reason" lineClamp={2}>
          {t("errorCodes.provider_prints_no_letters")}
        </Text>
      </Group>
    );
  } else if (letters.length === 0) {
    reason = <Text size="sm" c="dimmed">{t("send.nothingToSend")}</Text>;
  } else if (first) {
    reason = (
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconCircleX size={18} color="var(--mantine-color-red-text)" style={{ flexShrink: 0 }} aria-hidden />
        {/* Two lines at most: a long reason (French, Finnish…) wraps instead of being cut; the whole text is in the title. */}
        <Text size="sm" c="var(--mantine-color-red-text)" id="send-blocked-reason" data-testid="send-blocked-reason" component="div" style={{ minWidth: 0 }}>
          <Anchor
            component="button"
            size="sm"
            c="inherit"
            underline="always"
            ta="start"
            lineClamp={2}
            onClick={() => onShow(first.id)}
            title={t("send.blockedBy", { file: first.file_name, reason: firstReason })}
          >
            {t("send.blockedBy", { file: first.file_name, reason: firstReason })}
            {blocked.length > 1 && <> {t("send.blockedMore", { count: blocked.length - 1 })}</>}
          </Anchor>
        </Text>
      </Group>
    );
  } else if (warned > 0) {
    reason = (
      <Group gap={6} wrap="nowrap">
        <IconAlertTriangle size={18} color="var(--mantine-color-orange-text)" aria-hidden />
        <Text size="sm">{t("send.withWarnings", { count: warned })}</Text>
      </Group>
    );
  } else {
    reason = (
      <Group gap={6} wrap="nowrap">
        <IconCircleCheck size={18} color="var(--mantine-color-green-text)" aria-hidden />
        <Text size="sm">{t("send.readyToSend", { count: letters.length })}</Text>
      </Group>
    );
  }

  return (
    <Paper withBorder radius="md" px="md" py="sm" shadow="xs">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0, flex: 1 }} aria-live="polite">
          {reason}
        </div>
        {testMode && (
          <Tooltip label={t("send.testModeHint")} multiline w={280} withArrow>
            <Badge data-testid="send-test-mode" color="orange" variant="light" size="lg" radius="sm" leftSection={<IconTestPipe size={14} aria-hidden />} style={{ flexShrink: 0 }}>
              {t("send.testMode")}
            </Badge>
          </Tooltip>
        )}
        <Button
          data-testid="send-button"
          size="md"
          leftSection={<IconSend size={18} />}
          rightSection={<Kbd size="xs">Ctrl+Enter</Kbd>}
          disabled={!canSend}
          loading={sending}
          onClick={onSend}
          aria-describedby={first || noLetters ? "send-blocked-reason" : undefined}
        >
          {t("send.sendN", { count: letters.length })}
        </Button>
      </Group>
    </Paper>
  );
}
