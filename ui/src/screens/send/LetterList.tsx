import { ActionIcon, Box, Button, Group, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { IconFileTypePdf, IconScissors, IconX } from "@tabler/icons-react";
import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import type { Letter } from "../../bindings/Letter";
import { SourceFolder } from "../../components/SourceFolder";
import { VerdictBadge } from "../../components/VerdictBadge";
import { recipientLine, verdictOf } from "../../lib/letters";
import { lettersHint, splitOrigin } from "../../lib/split";

/**
 * The letters on the desk. Arrows move, Delete removes the selected one. A PDF that
 * looks like several letters offers to be split; a split one says where it came from.
 */
export function LetterList({
  letters,
  selectedId,
  onSelect,
  onRemove,
  onSplit,
}: {
  letters: Letter[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onRemove: (id: number) => void;
  onSplit: (id: number) => void;
}) {
  const { t } = useTranslation();

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = letters.findIndex((l) => l.id === selectedId);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = letters[Math.max(0, Math.min(letters.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))];
      if (next) {
        onSelect(next.id);
        document.getElementById(`letter-${next.id}`)?.focus();
      }
    } else if (e.key === "Delete" && selectedId !== null) {
      e.preventDefault();
      onRemove(selectedId);
    }
  };

  return (
    <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars>
      <Stack gap={4} role="listbox" aria-label={t("send.lettersList")} onKeyDown={onKeyDown} p={4}>
        {letters.map((letter) => {
          const selected = letter.id === selectedId;
          const recipient = recipientLine(letter);
          const origin = splitOrigin(t, letter);
          const hint = lettersHint(letter);
          return (
            <Box
              key={letter.id}
              style={{
                borderRadius: "var(--mantine-radius-md)",
                border: `1px solid ${selected ? "var(--mantine-color-blue-outline)" : "var(--mantine-color-default-border)"}`,
                background: selected ? "var(--mantine-color-blue-light)" : "var(--mantine-color-body)",
              }}
            >
              <Group gap={0} wrap="nowrap">
                <UnstyledButton
                  id={`letter-${letter.id}`}
                  data-testid="letter-row"
                  data-letter-id={letter.id}
                  role="option"
                  aria-selected={selected}
                  tabIndex={selected || (selectedId === null && letter === letters[0]) ? 0 : -1}
                  onClick={() => onSelect(letter.id)}
                  onFocus={() => onSelect(letter.id)}
                  style={{ flex: 1, minWidth: 0, padding: "8px 4px 8px 10px" }}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <IconFileTypePdf size={22} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
                    <Box style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate="end" title={letter.file_name}>
                        {letter.file_name}
                      </Text>
                      {origin && (
                        <Group gap={4} wrap="nowrap" c="dimmed">
                          <IconScissors size={12} aria-hidden style={{ flexShrink: 0 }} />
                          <Text size="xs" c="dimmed" truncate="end" title={origin} data-testid="letter-origin">
                            {origin}
                          </Text>
                        </Group>
                      )}
                      {letter.source_folder && <SourceFolder path={letter.source_folder} testId="letter-source-folder" />}
                      <Text size="xs" c={recipient ? undefined : "dimmed"} fs={recipient ? undefined : "italic"} truncate="end">
                        {recipient ?? t("send.noAddress")}
                      </Text>
                      <Group gap="xs" mt={4} justify="space-between" wrap="nowrap">
                        <Text size="xs" c="dimmed">
                          {t("send.pages", { count: letter.pages })}
                        </Text>
                        <VerdictBadge verdict={verdictOf(letter)} />
                      </Group>
                    </Box>
                  </Group>
                </UnstyledButton>
                <Tooltip label={t("send.remove", { name: letter.file_name })} withArrow openDelay={400}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    mx={6}
                    tabIndex={-1}
                    aria-label={t("send.remove", { name: letter.file_name })}
                    data-testid="remove-letter"
                    onClick={() => onRemove(letter.id)}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              {hint !== null && (
                <Box px={10} pb={8}>
                  <Button
                    variant="light"
                    color="violet"
                    size="compact-xs"
                    fullWidth
                    leftSection={<IconScissors size={14} aria-hidden />}
                    data-testid="split-offer"
                    data-letters={hint}
                    onClick={() => onSplit(letter.id)}
                  >
                    {t("split.offerN", { count: hint })}
                  </Button>
                </Box>
              )}
            </Box>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
