import { Progress, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { onAddProgress, subscribe } from "../../api";
import type { AddProgress } from "../../bindings/AddProgress";

/** "Checking PDFs: 340 of 1,000" while a drop is being preflighted (from `add-progress` events). */
export function CheckProgress() {
  const { t, i18n } = useTranslation();
  const [p, setP] = useState<AddProgress | null>(null);
  useEffect(() => subscribe(() => onAddProgress(setP)), []);
  if (!p || p.total < 2) return null;
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <Stack gap={4} w="100%" maw={360} data-testid="check-progress" data-checked={p.checked} data-total={p.total}>
      <Text size="sm" c="dimmed" ta="center" aria-live="polite">
        {t("send.checking", { checked: nf.format(p.checked), total: nf.format(p.total) })}
      </Text>
      <Progress value={(p.checked / p.total) * 100} size="sm" aria-label={t("send.checking", { checked: p.checked, total: p.total })} />
    </Stack>
  );
}
