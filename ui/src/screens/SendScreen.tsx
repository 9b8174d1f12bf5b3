import { ActionIcon, Alert, Anchor, Box, Button, Center, Group, Kbd, Loader, Overlay, Paper, ScrollArea, Stack, Switch, Text, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconChevronLeft, IconChevronRight, IconCircleX, IconFilePlus, IconUpload, IconZoomIn, IconZoomOut } from "@tabler/icons-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { addFiles, deskReady, onFileDrag, pickPdfs, providerRules, removeDraft, sendLettersChecked, subscribe, toAppError, type FileDrag } from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import type { Finding } from "../bindings/Finding";
import type { LetterOverride } from "../bindings/LetterOverride";
import type { SendOn } from "../bindings/SendOn";
import { formatDay } from "../lib/sendOn";
import type { ProviderRules } from "../bindings/ProviderRules";
import { ErrorNotice } from "../components/ErrorNotice";
import { PagePreview, ZOOMS, type Zoom } from "../components/PagePreview";
import { PageStrip } from "../components/PageStrip";
import { useDrafts } from "../hooks/useDrafts";
import { verdictOf } from "../lib/letters";
import { FindingsPanel } from "./send/FindingsPanel";
import { LetterList } from "./send/LetterList";
import { CheckProgress } from "./send/CheckProgress";
import { askAboutDuplicates } from "./send/duplicates";
import { epostSettings } from "../lib/account";
import { OptionsPanel } from "./send/OptionsPanel";
import { SendBar } from "./send/SendBar";
import { SendDialog } from "./send/SendDialog";
import { SplitOffer, SplitView } from "./send/SplitView";
import { lettersHint } from "../lib/split";
import type { Letter } from "../bindings/Letter";

export function SendScreen({ status, onOpenJobs }: { status: AppStatus; onOpenJobs: () => void }) {
  const { t } = useTranslation();
  const { drafts, error: listError, merge, drop, refresh } = useDrafts();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [pageIndex, setPageIndex] = useState(0);
  // Both variants: each letter's preview shows the zones it was checked against.
  const [rules, setRules] = useState<{ plain: ProviderRules; cover: ProviderRules } | null>(null);
  const [showZones, setShowZones] = useState(status.account.prefs.show_restricted_area);
  const [dragging, setDragging] = useState(false);
  const [adding, setAdding] = useState(false);
  const [sending, setSending] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [zoom, setZoom] = useState<Zoom>("fit");
  const [flash, setFlash] = useState<{ zone: string; key: number } | null>(null);
  const [splitting, setSplitting] = useState<Letter | null>(null);

  useEffect(() => {
    Promise.all([providerRules(false), providerRules(true)]).then(
      ([plain, cover]) => setRules({ plain, cover }),
      (e) => setError(toAppError(e)),
    );
  }, [status.account.id]);

  // Keep a valid selection: the first letter when nothing (or a removed one) is selected.
  const selected = drafts.find((l) => l.id === selectedId) ?? drafts[0] ?? null;
  useEffect(() => {
    setPageIndex(0);
    setFlash(null);
  }, [selected?.id]);

  // A clicked finding: show its page and flash its zone (zones are turned on for it).
  const showFinding = useCallback((f: Finding) => {
    if (f.page !== null) setPageIndex(f.page - 1);
    if (f.zone) {
      setShowZones(true);
      setFlash({ zone: f.zone, key: Date.now() });
    } else {
      setFlash(null);
    }
  }, []);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(null), 1600);
    return () => clearTimeout(t);
  }, [flash]);

  const zoomStep = (d: 1 | -1) => setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(z) + d))]);
  const zoomLabel = zoom === "fit" ? t("send.zoomFit") : `${Math.round(zoom * 100)} %`;

  const add = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      setAdding(true);
      try {
        const added = await addFiles(paths);
        merge(added);
        if (added[0]) setSelectedId(added[0].id);
        setError(null);
      } catch (e) {
        setError(toAppError(e));
      } finally {
        setAdding(false);
      }
    },
    [merge],
  );

  const pickAndAdd = useCallback(async () => {
    try {
      await add(await pickPdfs(t("send.pickTitle")));
    } catch (e) {
      setError(toAppError(e));
    }
  }, [add, t]);

  // The OS drop: subscribed once for the screen's life (a re-subscription on every
  // change of `add` left moments in which a drop's enter arrived but its drop did
  // not); the latest handler is read through a ref. `dropReady` (on the desk as
  // `data-drop-ready`) says every drag-and-drop listener is registered.
  const onDrag = useRef<(e: FileDrag) => void>(() => {});
  onDrag.current = (e) => {
    if (e.type === "enter" || e.type === "over") setDragging(true);
    else setDragging(false);
    if (e.type === "drop") {
      const pdfs = e.paths.filter((p) => p.toLowerCase().endsWith(".pdf"));
      const skipped = e.paths.length - pdfs.length;
      if (skipped > 0) notifications.show({ color: "orange", message: t("send.skippedNotPdf", { count: skipped }) });
      void add(pdfs);
    }
  };
  const [dropReady, setDropReady] = useState(false);
  useEffect(
    () =>
      subscribe(async () => {
        const unlisten = await onFileDrag((e) => onDrag.current(e));
        setDropReady(true);
        return unlisten;
      }),
    [],
  );
  // Start-up marker (scripts/measure-release.sh times a cold start by it): the first
  // frame painted after every drop listener is in place.
  useEffect(() => {
    if (!dropReady) return;
    const frame = window.requestAnimationFrame ?? ((f: () => void) => window.setTimeout(f, 0));
    frame(() => frame(() => void deskReady().catch(() => undefined)));
  }, [dropReady]);

  const remove = useCallback(
    async (id: number) => {
      drop([id]);
      try {
        await removeDraft(id);
      } catch (e) {
        setError(toAppError(e));
        void refresh();
      }
    },
    [drop, refresh],
  );

  const openSplit = useCallback((id: number) => setSplitting(drafts.find((l) => l.id === id) ?? null), [drafts]);
  // The merged draft is gone; its letters take its place (the list is asked again for their order).
  const splitMade = useCallback(
    (made: Letter[], from: Letter) => {
      setSplitting(null);
      drop([from.id]);
      merge(made);
      if (made[0]) setSelectedId(made[0].id);
      void refresh();
      notifications.show({ color: "green", message: t("split.made", { count: made.length, file: from.file_name }) });
    },
    [drop, merge, refresh, t],
  );

  const blocked = useMemo(() => drafts.filter((l) => verdictOf(l) === "error"), [drafts]);
  // A provider that prints no letters with this access (Posti's key): said at the bar, Send off.
  const printsLetters = status.provider.prints_letters;
  const canSend = printsLetters && drafts.length > 0 && blocked.length === 0 && !sending && !adding;
  const provider = t(`provider.${status.account.provider}`);

  const reallySend = useCallback(async (overrides?: LetterOverride[], sendOn?: SendOn | null) => {
    const ids = drafts.map((l) => l.id);
    setSending(true);
    setDialogOpen(false);
    try {
      // The duplicate guard: PDFs this company already has in the outbox are held
      // back and the clerk is asked, never sent a second time silently. The dialog's
      // answers are stored with the first call, so the second needs none.
      const report = await sendLettersChecked(ids, false, overrides, sendOn);
      let queued = report.queued.length;
      drop(report.queued.map((l) => l.id));
      if (report.skipped.length > 0) {
        const skippedIds = report.skipped.map((s) => s.letter.id);
        if (await askAboutDuplicates(report.skipped, t)) {
          queued += (await sendLettersChecked(skippedIds, true, undefined, sendOn)).queued.length;
          drop(skippedIds);
        } else {
          drop(skippedIds);
          await Promise.all(skippedIds.map((id) => removeDraft(id)));
          notifications.show({ color: "blue", message: t("send.duplicateSkipped", { count: skippedIds.length }) });
        }
      }
      setError(null);
      if (queued === 0) return;
      const count = queued;
      notifications.show({
        color: "green",
        title: sendOn ? t("schedule.scheduled", { date: formatDay(sendOn.date) }) : t("send.queued", { count }),
        message: (
          <Anchor component="button" size="sm" onClick={onOpenJobs}>
            {t("send.queuedMessage")}
          </Anchor>
        ),
      });
    } catch (e) {
      setError(toAppError(e));
      void refresh();
    } finally {
      setSending(false);
    }
  }, [drafts, drop, onOpenJobs, refresh, t]);

  const send = useCallback(() => {
    if (!canSend) return;
    if (!status.account.prefs.show_dialog) {
      void reallySend();
      return;
    }
    setDialogOpen(true);
  }, [canSend, reallySend, status]);

  useHotkeys([
    ["mod+O", () => void pickAndAdd()],
    ["mod+Enter", send],
  ]);

  const dragOverlay = dragging && (
    <Overlay color="var(--mantine-color-blue-light)" backgroundOpacity={1} blur={0} zIndex={50} radius="md">
      <Center h="100%" data-testid="drop-overlay">
        <Stack align="center" gap="xs">
          <IconUpload size={48} stroke={1.5} color="var(--mantine-color-blue-text)" />
          <Text fw={600} size="lg" c="blue">
            {t("send.releaseToAdd")}
          </Text>
        </Stack>
      </Center>
    </Overlay>
  );

  const errorNotice = (error ?? listError) && (
    <ErrorNotice error={(error ?? listError)!} onClose={() => setError(null)} />
  );

  if (drafts.length === 0) {
    const noLettersNotice = !printsLetters && (
      <Alert color="red" variant="light" icon={<IconCircleX aria-hidden />} title={t("posti.cannotSendTitle")} data-testid="send-no-letters">
        {t("errorCodes.provider_prints_no_letters")}
      </Alert>
    );
    return (
      <Stack h="100%" gap="md" data-drop-ready={dropReady || undefined}>
        {errorNotice}
        {noLettersNotice}
        <Box
          data-testid="dropzone"
          data-dragging={dragging || undefined}
          style={{
            flex: 1,
            borderRadius: "var(--mantine-radius-lg)",
            border: `2px dashed ${dragging ? "var(--mantine-color-blue-filled)" : "var(--mantine-color-default-border)"}`,
            background: dragging ? "var(--mantine-color-blue-light)" : "var(--mantine-color-default-hover)",
            transition: "background 120ms, border-color 120ms",
          }}
        >
          <Center h="100%">
            <Stack align="center" gap="md" maw={420} ta="center">
              {adding ? (
                <Loader aria-label={t("send.adding")} />
              ) : (
                <IconUpload size={56} stroke={1.2} color="var(--mantine-color-dimmed)" aria-hidden />
              )}
              <Title order={2} fw={600}>
                {adding ? t("send.adding") : dragging ? t("send.releaseToAdd") : t("send.dropHere")}
              </Title>
              {adding ? (
                <CheckProgress />
              ) : (
                <Text c="dimmed" size="sm">
                  {t("send.dropHint")}
                </Text>
              )}
              <Button
                data-testid="add-pdfs"
                size="md"
                leftSection={<IconFilePlus size={18} />}
                rightSection={<Kbd size="xs">Ctrl+O</Kbd>}
                onClick={() => void pickAndAdd()}
                disabled={adding}
              >
                {t("send.addPdfs")}
              </Button>
            </Stack>
          </Center>
        </Box>
      </Stack>
    );
  }

  return (
    <Stack h="100%" gap="sm" pos="relative" data-drop-ready={dropReady || undefined}>
      {dragOverlay}
      {errorNotice}
      <Box
        style={{ flex: 1, minHeight: 0, display: "grid", gridTemplateColumns: "minmax(230px, 290px) minmax(0, 1fr) minmax(250px, 300px)", gap: "var(--mantine-spacing-sm)" }}
      >
        <Paper withBorder radius="md" p="xs" style={{ display: "flex", flexDirection: "column", minHeight: 0 }}>
          <Text fw={600} size="sm" px={6} py={4} mb={4}>
            {t("send.letters")} <Text span c="dimmed" size="sm">({drafts.length})</Text>
          </Text>
          <LetterList letters={drafts} selectedId={selected?.id ?? null} onSelect={setSelectedId} onRemove={(id) => void remove(id)} onSplit={openSplit} />
          <Button
            data-testid="add-pdfs"
            variant="light"
            mt="xs"
            fullWidth
            leftSection={adding ? <Loader size={14} /> : <IconFilePlus size={16} />}
            rightSection={<Kbd size="xs">Ctrl+O</Kbd>}
            onClick={() => void pickAndAdd()}
            disabled={adding}
          >
            {adding ? t("send.adding") : t("send.addPdfs")}
          </Button>
          {adding && <CheckProgress />}
        </Paper>

        <Paper withBorder radius="md" p="sm" style={{ display: "flex", flexDirection: "column", minHeight: 0, background: "var(--mantine-color-default-hover)" }}>
          {/* Wraps: with a multi-page letter at 1280 px the page buttons did not fit
              beside the switch and the zoom, and drew over the checks panel. */}
          <Group justify="space-between" mb="xs" gap="xs" wrap="wrap" style={{ rowGap: 6 }}>
            <Switch
              data-testid="zone-toggle"
              label={t("send.showZones")}
              aria-label={t("send.showZones")}
              checked={showZones}
              onChange={(e) => setShowZones(e.currentTarget.checked)}
              size="sm"
              styles={{ label: { whiteSpace: "nowrap" } }}
            />
            <Group gap={4} wrap="nowrap" role="group" aria-label={t("send.zoom")}>
              <ActionIcon variant="default" size="md" aria-label={t("send.zoomOut")} data-testid="zoom-out" disabled={zoom === ZOOMS[0]} onClick={() => zoomStep(-1)}>
                <IconZoomOut size={16} />
              </ActionIcon>
              <Button variant="subtle" size="compact-sm" miw={56} data-testid="zoom-level" aria-label={t("send.zoomReset")} onClick={() => setZoom("fit")}>
                {zoomLabel}
              </Button>
              <ActionIcon variant="default" size="md" aria-label={t("send.zoomIn")} data-testid="zoom-in" disabled={zoom === ZOOMS[ZOOMS.length - 1]} onClick={() => zoomStep(1)}>
                <IconZoomIn size={16} />
              </ActionIcon>
            </Group>
            {selected && selected.pages > 1 && (
              <Group gap={4} wrap="nowrap" role="group" aria-label={t("send.page")}>
                <ActionIcon
                  variant="default"
                  size="md"
                  aria-label={t("send.previousPage")}
                  data-testid="page-prev"
                  disabled={pageIndex === 0}
                  onClick={() => setPageIndex((p) => Math.max(0, p - 1))}
                >
                  <IconChevronLeft size={16} />
                </ActionIcon>
                <Text size="sm" miw={90} ta="center" style={{ whiteSpace: "nowrap" }} aria-live="polite">
                  {t("send.pageOf", { page: pageIndex + 1, count: selected.pages })}
                </Text>
                <ActionIcon
                  variant="default"
                  size="md"
                  aria-label={t("send.nextPage")}
                  data-testid="page-next"
                  disabled={pageIndex >= selected.pages - 1}
                  onClick={() => setPageIndex((p) => Math.min(selected.pages - 1, p + 1))}
                >
                  <IconChevronRight size={16} />
                </ActionIcon>
              </Group>
            )}
          </Group>
          <Box style={{ flex: 1, minHeight: 0, display: "flex", gap: "var(--mantine-spacing-xs)" }}>
            {selected && selected.pages > 0 && <PageStrip letter={selected} pageIndex={pageIndex} onSelect={setPageIndex} />}
            {selected && <PagePreview letter={selected} pageIndex={pageIndex} rules={rules && (selected.preflight.checked_with_cover_letter ? rules.cover : rules.plain)} showZones={showZones} zoom={zoom} flash={flash} />}
          </Box>
          <Group justify="center" mt="xs" gap="xs" wrap="nowrap" mih={20}>
            {showZones && <ZoneLegend />}
          </Group>
        </Paper>

        <Paper withBorder radius="md" style={{ display: "flex", flexDirection: "column", minHeight: 0 }}>
          <ScrollArea style={{ flex: 1 }} type="auto">
            <Stack gap="lg" p="md">
              {selected && lettersHint(selected) !== null && <SplitOffer count={lettersHint(selected)!} onSplit={() => openSplit(selected.id)} />}
              {selected && (
                <Stack gap="xs">
                  <Title order={3} size="h5">
                    {t("send.findings")}
                  </Title>
                  <FindingsPanel findings={selected.preflight.findings} onSelect={showFinding} />
                </Stack>
              )}
              {selected && (
                <Stack gap="xs">
                  <Title order={3} size="h5">
                    {t("send.options")}
                  </Title>
                  <OptionsPanel options={selected.options ?? status.account.defaults} account={[provider, epostSettings(status.account).ekp].filter(Boolean).join(" · ")} />
                </Stack>
              )}
            </Stack>
          </ScrollArea>
        </Paper>
      </Box>
      <SendBar letters={drafts} blocked={blocked} canSend={canSend} noLetters={!printsLetters} sending={sending} testMode={status.account.prefs.test_mode} onSend={send} onShow={setSelectedId} />
      <SplitView letter={splitting} onClose={() => setSplitting(null)} onMade={splitMade} />
      <SendDialog opened={dialogOpen} letters={drafts} status={status} onClose={() => setDialogOpen(false)} onSend={(o, on) => void reallySend(o, on)} />
    </Stack>
  );
}

function ZoneLegend() {
  const { t } = useTranslation();
  const item = (label: string, style: React.CSSProperties) => (
    <Group gap={4} wrap="nowrap">
      <Box w={12} h={12} style={{ borderRadius: 2, ...style }} aria-hidden />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
  return (
    <Group gap="md" wrap="nowrap">
      {item(t("send.legendAddress"), { border: "1.5px solid rgb(34,139,230)", background: "rgba(34,139,230,0.1)" })}
      {item(t("send.legendKeepFree"), { border: "1.5px dashed rgba(100,110,130,0.8)" })}
      {item(t("send.legendProblem"), { border: "1.5px solid rgb(224,49,49)", background: "rgba(224,49,49,0.25)" })}
    </Group>
  );
}
