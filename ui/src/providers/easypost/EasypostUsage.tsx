// EasyPost Connect's usage of a month, per channel (sendings, pages, amount as
// EasyPost charges it), below the company's EasyPost setup.
import { Box, Center, Loader, NativeSelect, Table, Text } from "@mantine/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { easypostUsage, toAppError } from "../../api";
import type { Account } from "../../bindings/Account";
import type { AppError } from "../../bindings/AppError";
import type { EasypostUsage as Usage } from "../../bindings/EasypostUsage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Section } from "../../screens/SetupScreen";
import { channelText } from "./EasypostParts";

/** How many months back the picker offers (the current one included). */
const MONTHS = 24;

/** `YYYY-MM` of `d` in the clerk's time. */
export const monthKey = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;

/** The current month and the ones before it, newest first: `[YYYY-MM, "December 2026"]`. */
export function monthOptions(now: Date, lang: string): { value: string; label: string }[] {
  const fmt = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric" });
  return Array.from({ length: MONTHS }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return { value: monthKey(d), label: fmt.format(d) };
  });
}

/** Euro cents in the clerk's format ("€ 12,34", "12,34 €"). */
export const euros = (cents: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" }).format(cents / 100);

/**
 * Asked again when the account, its key or its host changes, and each time the
 * Setup screen comes back into view (`shown`: letters sent meanwhile count);
 * nothing without a key (nothing to ask with).
 */
export function EasypostUsage({ account, shown = true }: { account: Account; shown?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const options = useMemo(() => monthOptions(new Date(), lang), [lang]);
  const [month, setMonth] = useState(() => monthKey(new Date()));
  const [usage, setUsage] = useState<Usage | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // Setup stays mounted behind the other screens: ask again when it is shown again.
  const wasShown = useRef(shown);
  useEffect(() => {
    if (shown && !wasShown.current) setAttempt((a) => a + 1);
    wasShown.current = shown;
  }, [shown]);
  const hasKey = account.has_secret;
  const where = JSON.stringify([account.id, account.environment, account.settings]);

  // Another account (or host): no figures of the one before while the new ones load.
  useEffect(() => setUsage(null), [where]);

  useEffect(() => {
    let current = true;
    if (!hasKey) return;
    setLoading(true);
    setError(null);
    easypostUsage(month)
      .then((u) => current && setUsage(u))
      .catch((e) => {
        if (!current) return;
        setUsage(null);
        setError(toAppError(e));
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [month, attempt, hasKey, where]);

  const nf = new Intl.NumberFormat(lang);
  const items = usage?.items ?? [];
  const total = items.reduce((a, i) => ({ sendings: a.sendings + i.sendings, pages: a.pages + i.pages, cents: a.cents + i.amountCents }), { sendings: 0, pages: 0, cents: 0 });

  if (!hasKey) return null;
  return (
    <Box maw={880} pb="xl">
      <Section
        testId="easypost-usage"
        title={t("easypostUsage.title")}
        hint={t("easypostUsage.intro")}
        actions={
          <NativeSelect
            size="xs"
            label={t("easypostUsage.month")}
            data={options}
            value={month}
            onChange={(e) => setMonth(e.currentTarget.value)}
            data-testid="easypost-usage-month"
          />
        }
      >
        {error && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
        {loading && !usage && !error && (
          <Center py="md">
            <Loader size="sm" aria-label={t("app.loading")} />
          </Center>
        )}
        {usage && items.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="easypost-usage-empty">
            {t("easypostUsage.empty")}
          </Text>
        )}
        {usage && items.length > 0 && (
          <Table data-testid="easypost-usage-table" aria-label={t("easypostUsage.table")} verticalSpacing="xs" style={{ opacity: loading ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("easypostUsage.channel")}</Table.Th>
                <Table.Th ta="right">{t("easypostUsage.sendings")}</Table.Th>
                <Table.Th ta="right">{t("easypostUsage.pages")}</Table.Th>
                <Table.Th ta="right">{t("easypostUsage.amount")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.channel} data-testid={`easypost-usage-${i.channel}`}>
                  <Table.Td>{channelText(t, i.channel)}</Table.Td>
                  <Table.Td ta="right">{nf.format(i.sendings)}</Table.Td>
                  <Table.Td ta="right">{nf.format(i.pages)}</Table.Td>
                  <Table.Td ta="right">{euros(i.amountCents, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {items.length > 1 && (
              <Table.Tfoot>
                <Table.Tr fw={600}>
                  <Table.Td>{t("easypostUsage.total")}</Table.Td>
                  <Table.Td ta="right">{nf.format(total.sendings)}</Table.Td>
                  <Table.Td ta="right">{nf.format(total.pages)}</Table.Td>
                  <Table.Td ta="right" data-testid="easypost-usage-total">{euros(total.cents, lang)}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        )}
      </Section>
    </Box>
  );
}
