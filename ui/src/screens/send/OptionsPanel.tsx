import { Group, Stack, Text } from "@mantine/core";
import { IconCheck, IconMinus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { SendOptions } from "../../bindings/SendOptions";

function Row({ label, value, on }: { label: string; value: string; on?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Text size="sm">{label}</Text>
      <Group gap={4} wrap="nowrap">
        {on === undefined ? null : on ? (
          <IconCheck size={14} color="var(--mantine-color-green-text)" aria-hidden />
        ) : (
          <IconMinus size={14} color="var(--mantine-color-dimmed)" aria-hidden />
        )}
        <Text size="sm" fw={500} c={on === false ? "dimmed" : undefined}>
          {value}
        </Text>
      </Group>
    </Group>
  );
}

/** Read-only for now: the account's defaults that each letter carries. */
export function OptionsPanel({ options, account }: { options: SendOptions; account: string }) {
  const { t } = useTranslation();
  const yesNo = (b: boolean) => (b ? t("common.yes") : t("common.no"));
  return (
    <Stack gap={6} data-testid="options-panel">
      <Row label={t("send.account")} value={account} />
      <Row label={t("option.color")} value={yesNo(options.color)} on={options.color} />
      <Row label={t("option.duplex")} value={yesNo(options.duplex)} on={options.duplex} />
      <Row
        label={t("option.registered")}
        value={t(`registered.${options.registered}`)}
        on={options.registered !== "none"}
      />
      <Row label={t("option.cover_letter")} value={yesNo(options.cover_letter)} on={options.cover_letter} />
      <Text size="xs" c="dimmed" mt={4}>
        {t("send.optionsHint")}
      </Text>
    </Stack>
  );
}
