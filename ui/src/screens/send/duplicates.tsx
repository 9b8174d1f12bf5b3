import { Button, Group, ScrollArea, Stack, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import type { TFunction } from "i18next";

import type { SkippedLetter } from "../../bindings/SkippedLetter";
import { formatDateTime } from "../../lib/format";

function when(s: SkippedLetter, t: TFunction): string {
  const at = formatDateTime(s.existing_at);
  if (s.existing_state === "sent") return t("send.duplicateSent", { at });
  if (s.existing_state === "queued" || s.existing_state === "submitting") return t("send.duplicateWaiting", { at });
  return t("send.duplicateWithProvider", { at });
}

/**
 * Asks the clerk about letters the duplicate guard held back: "already sent on
 * <date> — send again anyway / skip". Resolves true for "send again anyway";
 * closing the dialog counts as skip (nothing is sent twice by accident).
 */
export function askAboutDuplicates(skipped: SkippedLetter[], t: TFunction): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (again: boolean) => {
      answered = true;
      modals.close("duplicates");
      resolve(again);
    };
    modals.open({
      modalId: "duplicates",
      title: t("send.duplicateTitle"),
      size: "lg",
      onClose: () => {
        if (!answered) resolve(false);
      },
      children: (
        <Stack gap="sm" data-testid="duplicate-question">
          <Text size="sm">{t("send.duplicateIntro", { count: skipped.length })}</Text>
          <ScrollArea.Autosize mah={240}>
            <Stack gap={4}>
              {skipped.map((s) => (
                <Group key={s.letter.id} justify="space-between" wrap="nowrap" gap="md" data-testid="duplicate-item">
                  <Text size="sm" truncate="end" fw={500} style={{ flex: 1, minWidth: 80 }} title={s.letter.file_name}>
                    {s.letter.file_name}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                    {when(s, t)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" data-testid="duplicate-skip" onClick={() => answer(false)}>
              {t("send.duplicateSkip")}
            </Button>
            <Button color="orange" data-testid="duplicate-send-again" onClick={() => answer(true)}>
              {t("send.duplicateSendAgain")}
            </Button>
          </Group>
        </Stack>
      ),
    });
  });
}
