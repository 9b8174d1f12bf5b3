import { Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { Verdict } from "../lib/letters";

const MARK: Record<Verdict, string> = { ok: "✓", warning: "⚠", error: "✖" };
const COLOR: Record<Verdict, string> = { ok: "var(--mantine-color-green-text)",
  warning: "var(--mantine-color-orange-text)",
  error: "var(--mantine-color-red-text)",
 };

/** ✓ / ⚠ / ✖ always with its word: colour is never the only signal. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" data-testid="verdict" data-verdict={verdict}>
      <Text span fw={700} c={COLOR[verdict]} aria-hidden lh={1}>
        {MARK[verdict]}
      </Text>
      <Text span size="xs" fw={600} c={COLOR[verdict]} lh={1}>
        {t(`verdict.${verdict}`)}
      </Text>
    </Group>
  );
}
