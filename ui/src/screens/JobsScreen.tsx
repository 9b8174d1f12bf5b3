import { Badge, Box, Center, Group, Kbd, Loader, Paper, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { AppStatus } from "../bindings/AppStatus";
import type { Letter } from "../bindings/Letter";
import { ErrorNotice } from "../components/ErrorNotice";
import { SourceFolder } from "../components/SourceFolder";
import { StatusChip } from "../components/StatusChip";
import { useJobs } from "../hooks/useJobs";
import { formatDateTime } from "../lib/format";
import { recipientLine } from "../lib/letters";
import { splitOrigin } from "../lib/split";
import { JobDrawer } from "./JobDrawer";

function matches(letter: Letter, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  const hay = [
    letter.file_name,
    ...(letter.recipient?.lines ?? letter.preflight.address?.lines ?? []),
    letter.reference ?? "",
    letter.cost_center ?? "",
    letter.registered_number ?? "",
    letter.provider_id ?? "",
    letter.source_folder ?? "",
  ];
  return hay.some((h) => h.toLowerCase().includes(q));
}

/** The clerk's four piles: everything, on its way, sent (4), failed (99). */
export type StateGroup = "all" | "active" | "sent" | "failed";
export type ModeFilter = "all" | "test" | "live";

export function inGroup(letter: Letter, group: StateGroup): boolean {
  switch (group) {
    case "all":
      return true;
    case "sent":
      return letter.state === "sent";
    case "failed":
      return letter.state === "failed" || letter.state === "cancelled";
    case "active":
      return !["sent", "failed", "cancelled", "draft"].includes(letter.state);
  }
}

export function JobsScreen({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const { jobs, loaded, error, refresh } = useJobs();
  const [query, setQuery] = useState("");
  const [group, setGroup] = useState<StateGroup>("all");
  const [mode, setMode] = useState<ModeFilter>("all");
  const [openId, setOpenId] = useState<number | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useHotkeys([["mod+F", () => searchRef.current?.focus()]]);

  const shown = useMemo(
    () =>
      jobs.filter(
        (j) => inGroup(j, group) && (mode === "all" || (mode === "test") === j.test_mode) && matches(j, query.trim()),
      ),
    [jobs, query, group, mode],
  );
  const open = jobs.find((j) => j.id === openId) ?? null;
  const providerOf = (l: Letter) => (l.account_id === status.account.id ? t(`provider.${status.account.provider}`) : t("common.none"));

  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2} size="h3">
            {t("jobs.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("jobs.count", { count: shown.length })}
          </Text>
        </Stack>
        <Group gap="sm">
          <TextInput
            ref={searchRef}
            data-testid="jobs-search"
            aria-label={t("jobs.search")}
            placeholder={t("jobs.searchPlaceholder")}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={<Kbd size="xs">Ctrl+F</Kbd>}
            rightSectionWidth={64}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={460}
          />
        </Group>
      </Group>
      <Group gap="md">
        <SegmentedControl
          data-testid="jobs-state-filter"
          aria-label={t("jobs.statusFilter")}
          value={group}
          onChange={(v) => setGroup(v as StateGroup)}
          data={(["all", "active", "sent", "failed"] as const).map((g) => ({ value: g, label: t(`jobs.group.${g}`) }))}
        />
        <SegmentedControl
          data-testid="jobs-mode-filter"
          aria-label={t("jobs.modeFilter")}
          value={mode}
          onChange={(v) => setMode(v as ModeFilter)}
          data={(["all", "test", "live"] as const).map((m) => ({ value: m, label: t(`jobs.mode.${m}`) }))}
        />
      </Group>

      {error && <ErrorNotice error={error} onRetry={() => void refresh()} />}

      <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }}>
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Table data-testid="jobs-table" highlightOnHover stickyHeader verticalSpacing="sm" horizontalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("jobs.col.date")}</Table.Th>
                <Table.Th>{t("jobs.col.recipient")}</Table.Th>
                <Table.Th>{t("jobs.col.file")}</Table.Th>
                <Table.Th>{t("jobs.col.provider")}</Table.Th>
                <Table.Th>{t("jobs.col.status")}</Table.Th>
                <Table.Th>{t("jobs.col.registered")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((job) => (
                <Table.Tr
                  key={job.id}
                  data-testid="job-row"
                  data-letter-id={job.id}
                  tabIndex={0}
                  aria-label={t("jobs.open", { file: job.file_name })}
                  style={{ cursor: "pointer" }}
                  onClick={() => setOpenId(job.id)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" || e.key === " ") {
                      e.preventDefault();
                      setOpenId(job.id);
                    }
                  }}
                >
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(job.created_at)}</Table.Td>
                  <Table.Td maw={240}>
                    <Text size="sm" truncate="end">
                      {recipientLine(job) ?? t("common.none")}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" truncate="end" title={job.file_name}>
                      {job.file_name}
                    </Text>
                    {splitOrigin(t, job) && (
                      <Text size="xs" c="dimmed" truncate="end" title={splitOrigin(t, job)!} data-testid="job-origin">
                        {splitOrigin(t, job)}
                      </Text>
                    )}
                    {job.source_folder && <SourceFolder path={job.source_folder} testId="job-source-folder" />}
                    {job.reference && (
                      <Text size="xs" c="dimmed" truncate="end" title={job.reference}>
                        {job.reference}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{providerOf(job)}</Table.Td>
                  <Table.Td miw={180}>
                    <Group gap={6} wrap="nowrap">
                      <StatusChip state={job.state} provider={job.account_id === status.account.id ? status.account.provider : undefined} providerStatus={job.provider_status} sendOn={job.send_on} />
                      {job.test_mode && (
                        <Badge color="orange" variant="outline" radius="sm" size="sm" data-testid="job-test-badge">
                          {t("jobs.testBadge")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ff="monospace" style={{ whiteSpace: "nowrap" }}>
                    {job.registered_number ?? t("common.none")}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {shown.length === 0 && (
            <Center py={64}>
              {loaded ? (
                <Text c="dimmed" size="sm" maw={380} ta="center">
                  {jobs.length === 0 ? t("jobs.empty") : t("jobs.noMatch")}
                </Text>
              ) : (
                <Loader size="sm" />
              )}
            </Center>
          )}
        </ScrollArea>
      </Paper>
      <Box>
        <JobDrawer
          job={open}
          provider={open ? providerOf(open) : ""}
          providerKind={open && open.account_id === status.account.id ? status.account.provider : undefined}
          canCancel={!!open && open.account_id === status.account.id && status.provider.can_cancel}
          deliveries={!!open && open.account_id === status.account.id && status.provider.deliveries}
          onClose={() => setOpenId(null)}
        />
      </Box>
    </Stack>
  );
}
