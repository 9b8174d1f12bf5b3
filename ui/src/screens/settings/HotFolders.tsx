import { ActionIcon, Alert, Box, Button, Checkbox, Group, NumberInput, Paper, Radio, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFolder, IconPlus, IconTrash } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { hotFolderRemove, hotFolders, hotFolderSave, pickFolder } from "../../api";
import type { AppError } from "../../bindings/AppError";
import type { AppStatus } from "../../bindings/AppStatus";
import type { HotFolder } from "../../bindings/HotFolder";
import type { HotFolderStatus } from "../../bindings/HotFolderStatus";
import type { RegisteredLetter } from "../../bindings/RegisteredLetter";
import type { TextPosition } from "../../bindings/TextPosition";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAttempt, useLocalError } from "../../hooks/useAttempt";
import { formatDateTime } from "../../lib/format";
import { dayProblem, folderName, formOf, settingsOf, type HotFolderForm, type SplitKind } from "../../lib/hotFolders";
import { formatDay, sendOnBounds } from "../../lib/sendOn";

/** How often the list is read again while it is shown (the core sends no event when a folder takes a file). */
const REFRESH_MS = 3000;

/** Each state's colour (the theme's text shades, readable on light and dark); the words say it too. */
const STATUS_COLOR: Record<HotFolderStatus, string> = {
  watching: "var(--mantine-color-green-text)",
  not_watched: "dimmed",
  off: "dimmed",
  missing: "var(--mantine-color-red-text)",
  not_writable: "var(--mantine-color-red-text)",
  watched_elsewhere: "var(--mantine-color-orange-text)",
};

/** The add / change form. `id` null: a new folder. */
function Editor({ status, folder, onDone }: { status: AppStatus; folder: HotFolder | null; onDone: (saved: HotFolder | null) => void }) {
  const { t } = useTranslation();
  const { busy, error, setError, attempt } = useAttempt();
  const [form, setForm] = useState<HotFolderForm>(() => formOf(folder?.settings ?? null, status.company.id, status.account.defaults, new Date()));
  const set = <K extends keyof HotFolderForm>(key: K, value: HotFolderForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setOption = <K extends keyof HotFolderForm["options"]>(key: K, value: HotFolderForm["options"][K]) =>
    setForm((f) => ({ ...f, options: { ...f.options, [key]: value } }));
  const bounds = sendOnBounds(new Date());
  const badDay = dayProblem(form.day, new Date());
  /** The provider cannot print a registered letter double-sided: picking one rules out the other. */
  const clash = !status.provider.registered_with_duplex;

  const choose = () =>
    attempt(async () => {
      const picked = await pickFolder(t("hotFolders.chooseTitle"));
      if (picked) set("path", picked);
    }, "choose");
  const save = () =>
    attempt(async () => {
      const saved = await hotFolderSave(folder?.id ?? null, settingsOf(form));
      notifications.show({ color: "green", message: t("hotFolders.saved") });
      onDone(saved);
    }, "save");

  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)" data-testid="hot-folder-form">
      <Stack gap="md">
        <Title order={4} size="h5">
          {t(folder ? "hotFolders.editTitle" : "hotFolders.addTitle")}
        </Title>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t("hotFolders.path")}
            description={t("hotFolders.pathHelp")}
            value={form.path}
            onChange={(e) => set("path", e.currentTarget.value)}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            style={{ flex: 1, minWidth: 0 }}
            spellCheck={false}
            data-testid="hot-folder-path"
          />
          <Button variant="default" onClick={() => void choose()} loading={busy === "choose"} data-testid="hot-folder-choose">
            {t("hotFolders.choose")}
          </Button>
        </Group>
        <Select
          label={t("hotFolders.company")}
          description={t("hotFolders.companyHelp")}
          data={status.companies.map((c) => ({ value: String(c.id), label: c.name }))}
          value={form.company}
          allowDeselect={false}
          onChange={(v) => v && set("company", v)}
          data-testid="hot-folder-company"
        />
        <Radio.Group label={t("hotFolders.mode")} value={form.mode} onChange={(v) => set("mode", v as HotFolderForm["mode"])} data-testid="hot-folder-mode">
          <Stack gap="xs" mt={6}>
            <Radio value="send" label={t("hotFolders.modeSend")} description={t("hotFolders.modeSendHelp")} />
            <Radio value="desk" label={t("hotFolders.modeDesk")} description={t("hotFolders.modeDeskHelp")} />
          </Stack>
        </Radio.Group>
        <Stack gap="xs">
          <Checkbox
            label={t("hotFolders.useDefaults")}
            description={t("hotFolders.useDefaultsHelp")}
            checked={form.useDefaults}
            onChange={(e) => set("useDefaults", e.currentTarget.checked)}
            data-testid="hot-folder-use-defaults"
          />
          {!form.useDefaults && (
            <Group align="flex-start" gap="xl" pl={32} wrap="nowrap" data-testid="hot-folder-options">
              <Stack gap="sm" pt={4}>
                <Switch label={t("option.color")} checked={form.options.color} onChange={(e) => setOption("color", e.currentTarget.checked)} data-testid="hot-folder-color" />
                <Switch
                  label={t("option.duplex")}
                  checked={form.options.duplex}
                  disabled={clash && form.options.registered !== "none"}
                  onChange={(e) => setOption("duplex", e.currentTarget.checked)}
                  data-testid="hot-folder-duplex"
                />
                <Switch label={t("option.cover_letter")} checked={form.options.cover_letter} onChange={(e) => setOption("cover_letter", e.currentTarget.checked)} data-testid="hot-folder-cover-letter" />
              </Stack>
              <Select
                w={260}
                label={t("option.registered")}
                allowDeselect={false}
                value={form.options.registered}
                onChange={(v) => v && setOption("registered", v as RegisteredLetter)}
                data={(["none", ...status.provider.registered.filter((r) => r !== "none")] as RegisteredLetter[]).map((r) => ({
                  value: r,
                  label: t(`registered.${r}`),
                  disabled: clash && form.options.duplex && r !== "none",
                }))}
                data-testid="hot-folder-registered"
              />
            </Group>
          )}
        </Stack>
        <SimpleGrid cols={2} spacing="md">
          <Select
            label={t("hotFolders.split")}
            allowDeselect={false}
            value={form.split}
            onChange={(v) => v && set("split", v as SplitKind)}
            data={[
              { value: "none", label: t("hotFolders.splitNone") },
              { value: "address", label: t("split.byAddress") },
              { value: "pages", label: t("split.byPages") },
              { value: "text", label: t("split.byText") },
            ]}
            data-testid="hot-folder-split"
          />
          {form.split === "pages" && (
            <NumberInput label={t("split.pagesLabel")} min={1} max={1000} allowDecimal={false} value={form.pages} onChange={(v) => set("pages", v)} data-testid="hot-folder-split-pages" />
          )}
          {form.split === "address" && (
            <Text size="xs" c="dimmed" mt={26}>
              {t("split.hintAddress")}
            </Text>
          )}
          {form.split === "text" && (
            <TextInput
              label={t("split.patternLabel")}
              placeholder={t("split.patternPlaceholder")}
              value={form.pattern}
              onChange={(e) => set("pattern", e.currentTarget.value)}
              data-testid="hot-folder-split-pattern"
            />
          )}
          {form.split === "text" && <div />}
          {form.split === "text" && (
            <Select
              label={t("split.positionLabel")}
              allowDeselect={false}
              value={form.position}
              onChange={(v) => v && set("position", v as TextPosition)}
              data={[
                { value: "first", label: t("split.positionFirst") },
                { value: "last", label: t("split.positionLast") },
              ]}
              data-testid="hot-folder-split-position"
            />
          )}
        </SimpleGrid>
        <TextInput
          type="date"
          label={t("schedule.sendOn")}
          description={t("hotFolders.sendOnHelp")}
          value={form.day}
          min={bounds.min}
          max={bounds.max}
          onChange={(e) => set("day", e.currentTarget.value)}
          error={badDay ? t("errorCodes.send_on_out_of_range") : null}
          styles={{ input: { maxWidth: 240 } }}
          data-testid="hot-folder-send-on"
        />
        {error && (
          <Box data-testid="hot-folder-error">
            <ErrorNotice error={error} onClose={() => setError(null)} />
          </Box>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onDone(null)}>
            {t("hotFolders.cancel")}
          </Button>
          <Button onClick={() => void save()} loading={busy === "save"} disabled={badDay} data-testid="hot-folder-save">
            {t("hotFolders.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One folder: where, for whom, how, how it is going, what it took; change, turn off, remove. */
function Row({ folder, status, onChanged, onEdit }: { folder: HotFolder; status: AppStatus; onChanged: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const { busy, error, setError, attempt } = useAttempt();
  const [asking, setAsking] = useState(false);
  const s = folder.settings;
  const name = folderName(s.path);
  const company = status.companies.find((c) => c.id === s.company_id)?.name ?? t("common.none");
  const split =
    s.split === null ? t("hotFolders.splitNone") : s.split.by === "address" ? t("split.byAddress") : s.split.by === "pages" ? `${t("split.byPages")} (${s.split.pages})` : `${t("split.byText")}: “${s.split.pattern}”`;
  const details = [
    company,
    t(s.mode === "send" ? "hotFolders.modeSend" : "hotFolders.modeDesk"),
    t(s.options === null ? "hotFolders.companyDefaults" : "hotFolders.ownOptions"),
    split,
    ...(s.send_on && s.send_on.date >= sendOnBounds(new Date()).min ? [t("hotFolders.waitsUntil", { date: formatDay(s.send_on.date) })] : []),
  ];
  const counts = [
    t("hotFolders.taken", { count: folder.taken }),
    ...(folder.needs_attention > 0 ? [t("hotFolders.attention", { count: folder.needs_attention })] : []),
    ...(folder.last_taken_at ? [t("hotFolders.lastTaken", { when: formatDateTime(folder.last_taken_at) })] : []),
  ];

  return (
    <Box
      data-testid="hot-folder-row"
      data-status={folder.status}
      data-folder-id={folder.id}
      py="sm"
      style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconFolder size={22} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600} truncate="end" title={s.path}>
            {name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={s.path} data-testid="hot-folder-row-path">
            {s.path}
          </Text>
          <Text size="xs" data-testid="hot-folder-status" c={STATUS_COLOR[folder.status]} fw={folder.status === "watching" ? 500 : undefined}>
            {t(`hotFolders.status.${folder.status}`)}
          </Text>
          <Text size="xs" data-testid="hot-folder-details">
            {details.join(" · ")}
          </Text>
          <Text size="xs" c={folder.needs_attention > 0 ? "var(--mantine-color-orange-text)" : "dimmed"} data-testid="hot-folder-counts">
            {counts.join(" · ")}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          <Tooltip label={t("hotFolders.enabled", { name })} withArrow openDelay={400}>
            <Switch
              size="sm"
              checked={s.enabled}
              disabled={busy !== null}
              aria-label={t("hotFolders.enabled", { name })}
              onChange={(e) => {
                const enabled = e.currentTarget.checked;
                void attempt(async () => {
                  await hotFolderSave(folder.id, { ...s, enabled });
                  onChanged();
                }, "toggle");
              }}
              data-testid="hot-folder-enabled"
            />
          </Tooltip>
          <Button size="compact-sm" variant="default" onClick={onEdit} data-testid="hot-folder-edit">
            {t("hotFolders.edit")}
          </Button>
          <Tooltip label={t("hotFolders.remove")} withArrow openDelay={400}>
            <ActionIcon variant="subtle" color="red" aria-label={`${t("hotFolders.remove")}: ${name}`} onClick={() => setAsking(true)} data-testid="hot-folder-remove">
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {asking && (
        <Alert color="orange" variant="light" p="xs" mt="xs" title={t("hotFolders.removeQuestion")} data-testid="hot-folder-remove-question">
          <Group gap="xs" mt={4}>
            <Button
              size="xs"
              color="red"
              loading={busy === "remove"}
              onClick={() =>
                void attempt(async () => {
                  await hotFolderRemove(folder.id);
                  setAsking(false);
                  onChanged();
                }, "remove")
              }
              data-testid="hot-folder-remove-confirm"
            >
              {t("hotFolders.removeConfirm")}
            </Button>
            <Button size="xs" variant="default" onClick={() => setAsking(false)}>
              {t("hotFolders.keep")}
            </Button>
          </Group>
        </Alert>
      )}
      {error && (
        <Box mt="xs">
          <ErrorNotice error={error} onClose={() => setError(null)} />
        </Box>
      )}
    </Box>
  );
}

/** Settings → Hot folders: the list (read again every few seconds while shown) and the form to add or change one. */
export function HotFolders({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const local = useLocalError();
  const [folders, setFolders] = useState<HotFolder[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  /** The form: "new", a folder's id, or closed. */
  const [editing, setEditing] = useState<"new" | number | null>(null);

  const load = useCallback(async () => {
    try {
      setFolders(await hotFolders());
      setLoadError(null);
    } catch (e) {
      setLoadError(local(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (typeof document === "undefined" || document.visibilityState !== "hidden") void load();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const done = (saved: HotFolder | null) => {
    if (saved) setFolders((list) => (list?.some((f) => f.id === saved.id) ? list.map((f) => (f.id === saved.id ? saved : f)) : [...(list ?? []), saved]));
    setEditing(null);
    void load();
  };
  const editingFolder = typeof editing === "number" ? (folders?.find((f) => f.id === editing) ?? null) : null;

  return (
    <Paper withBorder radius="md" p="lg" data-testid="hot-folders">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t("hotFolders.title")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("hotFolders.intro")}
            </Text>
          </Stack>
          {editing === null && (
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing("new")} style={{ flexShrink: 0 }} data-testid="hot-folder-add">
              {t("hotFolders.add")}
            </Button>
          )}
        </Group>
        {editing === "new" && <Editor status={status} folder={null} onDone={done} />}
        {loadError && <ErrorNotice error={loadError} onRetry={() => void load()} />}
        {folders !== null && folders.length === 0 && editing === null && (
          <Text size="sm" c="dimmed" data-testid="hot-folders-empty">
            {t("hotFolders.empty")}
          </Text>
        )}
        {folders !== null && folders.length > 0 && (
          <Box>
            {folders.map((f) =>
              editing === f.id && editingFolder ? (
                <Box key={f.id} py="sm">
                  <Editor status={status} folder={editingFolder} onDone={done} />
                </Box>
              ) : (
                <Row key={f.id} folder={f} status={status} onChanged={() => void load()} onEdit={() => setEditing(f.id)} />
              ),
            )}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
