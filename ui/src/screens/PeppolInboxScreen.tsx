// EasyPost Connect's incoming Peppol documents (e-invoices, credit notes) of the
// current company: sorted by arrival or last change, filtered by days, paged by
// "Load more"; a row's document is saved as XML and opened with the system's viewer.
import { Button, Center, Group, Loader, NativeSelect, ScrollArea, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { IconExternalLink, IconRefresh } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { openPeppolDocument, peppolDocuments, peppolMarkSeen, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { EasypostPeppolDocument } from "../bindings/EasypostPeppolDocument";
import type { PeppolListQuery } from "../bindings/PeppolListQuery";
import type { PeppolSortField } from "../bindings/PeppolSortField";
import type { PeppolSortOrder } from "../bindings/PeppolSortOrder";
import { ErrorNotice } from "../components/ErrorNotice";
import { formatDateTime } from "../lib/format";

/** The document types the window has words for; any other is shown as EasyPost names it. */
const TYPES = ["INVOICE", "CREDIT_NOTE"];

export const documentType = (t: TFunction, type: string) => (TYPES.includes(type) ? t(`peppol.types.${type}`) : type);

/** The clerk's offset from UTC on a day (`YYYY-MM-DD`, else today): the core turns days into instants with it. */
export function utcOffsetMinutes(day?: string): number {
  const d = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00`) : new Date();
  return Number.isNaN(d.getTime()) ? -new Date().getTimezoneOffset() : -d.getTimezoneOffset();
}

type Filter = { sortField: PeppolSortField; sortOrder: PeppolSortOrder; from: string; until: string };

const FIRST: Filter = { sortField: "created_at", sortOrder: "desc", from: "", until: "" };

function query(f: Filter, after?: string): PeppolListQuery {
  return {
    sort_field: f.sortField,
    sort_order: f.sortOrder,
    ...(f.from ? { from: f.from } : {}),
    ...(f.until ? { until: f.until } : {}),
    ...(after ? { after } : {}),
    utc_offset_minutes: utcOffsetMinutes(f.from || f.until || undefined),
  };
}

/** `onSeen`: the first page was shown (the inbox marks what arrived until now as seen). */
export function PeppolInboxScreen({ onSeen }: { onSeen?: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filter>(FIRST);
  const [shown, setShown] = useState<Filter>(FIRST);
  const [docs, setDocs] = useState<EasypostPeppolDocument[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState<"list" | "more" | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const seenRef = useRef(onSeen);
  seenRef.current = onSeen;

  const load = useCallback(async (f: Filter) => {
    setLoading("list");
    setError(null);
    try {
      const page = await peppolDocuments(query(f));
      setDocs(page.items);
      setNext(page.next_after);
      setShown(f);
      // The clerk has what arrived until now in front of them.
      await peppolMarkSeen().catch(() => undefined);
      seenRef.current?.();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setLoading(null);
    }
  }, []);

  useEffect(() => {
    void load(FIRST);
  }, [load]);

  const more = async () => {
    if (!next) return;
    setLoading("more");
    setError(null);
    try {
      const page = await peppolDocuments(query(shown, next));
      setDocs((d) => [...(d ?? []), ...page.items.filter((i) => !(d ?? []).some((o) => o.id === i.id))]);
      setNext(page.next_after);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setLoading(null);
    }
  };

  const open = async (d: EasypostPeppolDocument) => {
    setOpening(d.id);
    setError(null);
    setSaved(null);
    try {
      setSaved(await openPeppolDocument(d.senderId, d.id));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setOpening(null);
    }
  };

  const filtered = shown.from !== "" || shown.until !== "";

  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={0}>
          <Title order={2} size="h3">
            {t("peppol.title")}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t("peppol.intro")}
          </Text>
        </Stack>
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void load(shown)} loading={loading === "list"} data-testid="peppol-refresh">
          {t("common.refresh")}
        </Button>
      </Group>

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void load(draft);
        }}
      >
        <Group align="flex-end" gap="sm">
          <NativeSelect
            w={170}
            label={t("peppol.sortField")}
            data={[
              { value: "created_at", label: t("peppol.sortCreated") },
              { value: "last_modified_at", label: t("peppol.sortModified") },
            ]}
            value={draft.sortField}
            onChange={(e) => setDraft({ ...draft, sortField: e.currentTarget.value as PeppolSortField })}
            data-testid="peppol-sort-field"
          />
          <NativeSelect
            w={190}
            label={t("peppol.sortOrder")}
            data={[
              { value: "desc", label: t("peppol.desc") },
              { value: "asc", label: t("peppol.asc") },
            ]}
            value={draft.sortOrder}
            onChange={(e) => setDraft({ ...draft, sortOrder: e.currentTarget.value as PeppolSortOrder })}
            data-testid="peppol-sort-order"
          />
          <TextInput
            type="date"
            w={160}
            label={t("peppol.from")}
            value={draft.from}
            max={draft.until || undefined}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            data-testid="peppol-from"
          />
          <TextInput
            type="date"
            w={160}
            label={t("peppol.until")}
            value={draft.until}
            min={draft.from || undefined}
            onChange={(e) => setDraft({ ...draft, until: e.currentTarget.value })}
            data-testid="peppol-until"
          />
          <Button type="submit" loading={loading === "list"} data-testid="peppol-apply">
            {t("peppol.apply")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t("peppol.datesHint")}
        </Text>
      </form>

      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      {saved && (
        <Text size="xs" c="dimmed" data-testid="peppol-saved">
          {t("peppol.saved", { path: saved })}
        </Text>
      )}

      <ScrollArea style={{ flex: 1 }} type="auto">
        {docs === null && !error && (
          <Center py="xl">
            <Loader size="sm" aria-label={t("app.loading")} />
          </Center>
        )}
        {docs?.length === 0 && (
          <Center py={64}>
            <Text c="dimmed" size="sm" data-testid="peppol-empty">
              {filtered ? t("peppol.empty") : t("peppol.emptyAll")}
            </Text>
          </Center>
        )}
        {docs && docs.length > 0 && (
          <Table data-testid="peppol-table" aria-label={t("peppol.table")} highlightOnHover stickyHeader verticalSpacing="sm" horizontalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("peppol.sender")}</Table.Th>
                <Table.Th>{t("peppol.type")}</Table.Th>
                <Table.Th>{t("peppol.number")}</Table.Th>
                <Table.Th>{t("peppol.received")}</Table.Th>
                <Table.Th>{t("peppol.modified")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("peppol.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {docs.map((d) => {
                const type = documentType(t, d.documentType);
                const number = d.documentNumber ?? d.id;
                return (
                  <Table.Tr key={`${d.senderId}/${d.id}`} data-testid={`peppol-row-${d.id}`}>
                    <Table.Td maw={280}>
                      <Text size="sm" fw={500} truncate>
                        {d.senderName || d.senderId}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {d.senderId}
                      </Text>
                    </Table.Td>
                    <Table.Td>{type}</Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {d.documentNumber ?? "—"}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(d.createdAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(d.lastModifiedAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconExternalLink size={14} aria-hidden />}
                        loading={opening === d.id}
                        onClick={() => void open(d)}
                        aria-label={t("peppol.openLabel", { type, number, sender: d.senderName || d.senderId })}
                        data-testid={`peppol-open-${d.id}`}
                      >
                        {t("peppol.open")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {next && (
          <Center py="md">
            <Button variant="default" onClick={() => void more()} loading={loading === "more"} data-testid="peppol-more">
              {t("peppol.more")}
            </Button>
          </Center>
        )}
      </ScrollArea>
    </Stack>
  );
}
