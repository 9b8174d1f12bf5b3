// Posti with an OmaPosti Pro API key: what the key reaches (said plainly), the
// guide of Posti's customer instructions (shared/seeds/003_…: a checklist before
// the key, then the clicks on OmaPosti Pro's Integrations page, each with what
// the screen says there), and the connection test's answer per agreement id.
import { Alert, Checkbox, List, Paper, Stack, Text, ThemeIcon, Timeline, Title } from "@mantine/core";
import { IconCheck, IconInfoCircle, IconX } from "@tabler/icons-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { PostiReach } from "../../bindings/PostiReach";

/** Which Posti products the key reaches in Postdesk, and which not. */
export function PostiScope() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t("posti.scopeTitle")} data-testid="posti-scope">
      <Stack gap={6}>
        <Text size="sm">{t("posti.scope")}</Text>
        <List size="sm" spacing={2}>
          <List.Item icon={<ThemeIcon size={18} radius="xl" color="green"><IconCheck size={12} aria-hidden /></ThemeIcon>}>{t("posti.reaches")}</List.Item>
          <List.Item icon={<ThemeIcon size={18} radius="xl" color="red"><IconX size={12} aria-hidden /></ThemeIcon>}>{t("posti.reachesNot")}</List.Item>
        </List>
      </Stack>
    </Alert>
  );
}

const CHECKS = ["MainUser", "Integrations", "Agreements"] as const;
const STEPS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The checklist, then the steps in OmaPosti Pro. */
export function PostiGuide() {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const done = CHECKS.filter((c) => checked[c]).length;
  return (
    <Stack gap="md" data-testid="posti-guide">
      <Stack gap={2}>
        <Title order={3} size="h5">{t("posti.guideTitle")}</Title>
        <Text size="sm" c="dimmed">{t("posti.guideIntro")}</Text>
      </Stack>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {t("posti.checklistTitle")}{" "}
            <Text span size="xs" c="dimmed" fw={400}>({t("posti.checklistOpen", { done, total: CHECKS.length })})</Text>
          </Text>
          {CHECKS.map((c) => (
            <Checkbox
              key={c}
              label={t(`posti.check${c}`)}
              description={t(`posti.check${c}Help`)}
              checked={!!checked[c]}
              onChange={(e) => setChecked({ ...checked, [c]: e.currentTarget.checked })}
              data-testid={`posti-check-${c}`}
            />
          ))}
        </Stack>
      </Paper>
      <Stack gap="xs">
        <Text fw={600} size="sm">{t("posti.stepsTitle")}</Text>
        <Timeline bulletSize={22} lineWidth={2} active={-1} data-testid="posti-steps">
          {STEPS.map((n) => (
            <Timeline.Item key={n} bullet={<Text size="xs" fw={700}>{n}</Text>} title={<Text size="sm">{t(`posti.step${n}`)}</Text>}>
              <Text size="xs" c="dimmed">
                {t("posti.screenSays")} {t(`posti.step${n}Screen`)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Stack>
  );
}

/** The connection test's answer: reached ids, ids the key does not reach (each said), others it also reaches. */
export function PostiReachResult({ reach }: { reach: PostiReach }) {
  const { t } = useTranslation();
  const ok = reach.not_reached.length === 0;
  const ids = (xs: string[]) => xs.join(", ");
  return (
    <InView>
      <Stack gap="xs" data-testid="posti-reach">
        {ok ? (
          <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} data-testid="posti-reach-ok">{t("posti.testOk")}</Alert>
        ) : (
          <Alert color="red" variant="light" icon={<IconX aria-hidden />} title={t("posti.notReachedTitle")} data-testid="posti-reach-missing">
            {t("posti.notReached", { ids: ids(reach.not_reached) })}
          </Alert>
        )}
        {reach.reached.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>{t("posti.reachedTitle")}</Text>
            <List size="sm" spacing={2} data-testid="posti-reached">
              {reach.reached.map((a) => (
                <List.Item key={a.agreementId}>
                  <Text span ff="monospace" size="sm">{a.agreementId}</Text>
                  {a.name && <Text span size="sm" c="dimmed"> — {a.name}</Text>}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {reach.also_reachable.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="posti-also">{t("posti.alsoReachable", { ids: ids(reach.also_reachable.map((a) => a.agreementId)) })}</Text>
        )}
      </Stack>
    </InView>
  );
}

/** Scrolls its content into view when it appears (an answer below a long guide). */
export function InView({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  return <div ref={ref}>{children}</div>;
}
