import { Alert, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { Finding } from "../../bindings/Finding";
import { findingText } from "../../lib/findings";

const LOOK = {
  error: { color: "red", Icon: IconCircleX },
  warning: { color: "orange", Icon: IconAlertTriangle },
  info: { color: "blue", Icon: IconInfoCircle },
} as const;

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The checks' findings, errors first. With `onSelect`, a finding about a page is a
 * button: it shows that page and flashes the zone it is about.
 */
export function FindingsPanel({ findings, onSelect }: { findings: Finding[]; onSelect?: (finding: Finding) => void }) {
  const { t } = useTranslation();
  if (findings.length === 0) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} data-testid="finding-none">
        <Text size="sm">{t("send.noFindings")}</Text>
      </Alert>
    );
  }
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <Stack gap="xs" data-testid="findings">
      {sorted.map((f, i) => {
        const { color, Icon } = LOOK[f.severity];
        const clickable = onSelect !== undefined && f.page !== null;
        const go = clickable ? () => onSelect(f) : undefined;
        const text = findingText(t, f);
        return (
          <Alert
            key={`${f.code}-${i}`}
            color={color}
            variant="light"
            p="sm"
            icon={<Icon size={18} aria-hidden />}
            data-testid="finding"
            data-severity={f.severity}
            data-page={f.page ?? undefined}
            data-zone={f.zone ?? undefined}
            data-code={f.code}
            role={clickable ? "button" : undefined}
            tabIndex={clickable ? 0 : undefined}
            aria-label={clickable ? `${text.message} ${t("send.showOnPage", { page: f.page })}` : undefined}
            onClick={go}
            onKeyDown={
              go &&
              ((e: React.KeyboardEvent) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  go();
                }
              })
            }
            style={clickable ? { cursor: "pointer" } : undefined}
            title={
              <Text span size="xs" fw={700} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
                {t(`severity.${f.severity}`)}
                {f.page !== null && (
                  <Text span size="xs" fw={400} tt="none" c="dimmed">
                    {" · "}
                    {t("send.onPage", { page: f.page })}
                  </Text>
                )}
              </Text>
            }
          >
            <Text size="sm">{text.message}</Text>
            {text.hint && (
              <Text size="xs" c="dimmed" mt={4}>
                {text.hint}
              </Text>
            )}
          </Alert>
        );
      })}
    </Stack>
  );
}
