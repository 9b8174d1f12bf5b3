import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Loader,
  Menu,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconArrowDown, IconArrowUp, IconArrowsJoin, IconDots, IconScissors } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { splitDraft, splitPreview, toAppError } from "../../api";
import type { AppError } from "../../bindings/AppError";
import type { Letter } from "../../bindings/Letter";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Thumb } from "../../components/PageStrip";
import {
  addressAt,
  canMoveBoundary,
  coversAll,
  mergeWithNext,
  moveBoundary,
  rangeText,
  rangesOf,
  recipientText,
  splitAt,
  type PageRange,
  type SplitPlan,
  type SplitRule,
} from "../../lib/split";

type RuleKind = SplitRule["by"];

/** Page thumbnails shown per letter; more pages are counted ("+3"). */
const SHOWN_PAGES = 5;
const THUMB_W = 42;

/**
 * The split view: how a merged PDF would become letters, by a rule the clerk picks,
 * with the cuts editable (move a boundary, merge, split) before anything is made.
 * Cancel leaves the draft as it is; "Make N letters" replaces it by one draft per letter.
 */
export function SplitView({
  letter,
  onClose,
  onMade,
}: {
  /** The merged PDF's draft; null: closed. */
  letter: Letter | null;
  onClose: () => void;
  onMade: (made: Letter[], from: Letter) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={letter !== null}
      onClose={onClose}
      size={980}
      title={letter ? t("split.title", { file: letter.file_name }) : ""}
      styles={{ title: { fontWeight: 700, fontSize: "var(--mantine-font-size-lg)" } }}
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="split-view"
    >
      {letter && <SplitBody key={letter.id} letter={letter} onClose={onClose} onMade={onMade} />}
    </Modal>
  );
}

function SplitBody({ letter, onClose, onMade }: { letter: Letter; onClose: () => void; onMade: (made: Letter[], from: Letter) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RuleKind>("address");
  const [everyN, setEveryN] = useState<number | string>(2);
  const [pattern, setPattern] = useState("");
  const [position, setPosition] = useState<"first" | "last">("first");
  const [debouncedPattern] = useDebouncedValue(pattern, 400);
  const [plan, setPlan] = useState<SplitPlan | null>(null);
  const [ranges, setRanges] = useState<PageRange[]>([]);
  const [looking, setLooking] = useState(false);
  const [making, setMaking] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const asked = useRef(0);

  const rule: SplitRule | null = useMemo(() => {
    if (kind === "address") return { by: "address" };
    if (kind === "pages") {
      const n = typeof everyN === "number" ? everyN : Number.parseInt(everyN, 10);
      return Number.isInteger(n) && n >= 1 ? { by: "pages", pages: n } : null;
    }
    return debouncedPattern.trim() === "" ? null : { by: "text", pattern: debouncedPattern, position };
  }, [kind, everyN, debouncedPattern, position]);

  // A new rule asks the engine again; an answer to an older question is dropped.
  useEffect(() => {
    if (!rule) return;
    const n = ++asked.current;
    setLooking(true);
    splitPreview(letter.id, rule)
      .then((p) => {
        if (n !== asked.current) return;
        setPlan(p);
        setRanges(rangesOf(p.letters));
        setError(null);
      })
      .catch((e) => n === asked.current && setError(toAppError(e)))
      .finally(() => n === asked.current && setLooking(false));
  }, [letter.id, rule]);

  const total = plan?.pages ?? letter.pages;
  const valid = coversAll(ranges, total);
  const edited = plan !== null && JSON.stringify(rangesOf(plan.letters)) !== JSON.stringify(ranges);
  const count = ranges.length;

  const make = async () => {
    setMaking(true);
    try {
      const made = await splitDraft(letter.id, ranges);
      onMade(made, letter);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setMaking(false);
    }
  };

  const hint = { address: t("split.hintAddress"), pages: t("split.hintPages"), text: t("split.hintText") }[kind];

  return (
    <Stack gap="md">
      <Text size="sm">{t("split.intro")}</Text>
      <Stack gap={6}>
        <Text size="sm" fw={600} id="split-rule-label">
          {t("split.ruleLabel")}
        </Text>
        <SegmentedControl
          data-testid="split-rule"
          aria-labelledby="split-rule-label"
          value={kind}
          onChange={(v) => setKind(v as RuleKind)}
          data={[
            { value: "address", label: t("split.byAddress") },
            { value: "pages", label: t("split.byPages") },
            { value: "text", label: t("split.byText") },
          ]}
        />
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
        {kind === "pages" && (
          <NumberInput
            data-testid="split-pages"
            label={t("split.pagesLabel")}
            value={everyN}
            onChange={setEveryN}
            min={1}
            max={Math.max(1, letter.pages)}
            allowDecimal={false}
            allowNegative={false}
            w={200}
          />
        )}
        {kind === "text" && (
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput
              data-testid="split-pattern"
              label={t("split.patternLabel")}
              placeholder={t("split.patternPlaceholder")}
              value={pattern}
              onChange={(e) => setPattern(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 240 }}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="split-position-label">
                {t("split.positionLabel")}
              </Text>
              <SegmentedControl
                data-testid="split-position"
                aria-labelledby="split-position-label"
                value={position}
                onChange={(v) => setPosition(v as "first" | "last")}
                data={[
                  { value: "first", label: t("split.positionFirst") },
                  { value: "last", label: t("split.positionLast") },
                ]}
              />
            </Stack>
          </Group>
        )}
      </Stack>

      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}

      <Divider />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={3} size="h5">
            {t("split.list")}
          </Title>
          {looking && <Loader size="xs" aria-label={t("split.looking")} />}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {edited && (
            <>
              <Badge variant="light" color="violet" data-testid="split-edited">
                {t("split.edited")}
              </Badge>
              <Button variant="subtle" size="compact-sm" data-testid="split-reset" onClick={() => plan && setRanges(rangesOf(plan.letters))}>
                {t("split.reset")}
              </Button>
            </>
          )}
        </Group>
      </Group>

      <ScrollArea.Autosize mah="calc(100dvh - 440px)" mih={160} type="auto" offsetScrollbars>
        <Stack gap={0} data-testid="split-letters" aria-busy={looking || undefined}>
          {ranges.map((r, i) => (
            <Box key={`${r.first_page}-${r.pages}`}>
              <PlannedLetterRow
                letter={letter}
                index={i}
                range={r}
                address={addressAt(plan, r.first_page)}
                isLast={i === ranges.length - 1}
                onMerge={() => setRanges((rs) => mergeWithNext(rs, i))}
                onSplitAt={(page) => setRanges((rs) => splitAt(rs, i, page))}
              />
              {i < ranges.length - 1 && (
                <Boundary
                  index={i}
                  canEarlier={canMoveBoundary(ranges, i, -1)}
                  canLater={canMoveBoundary(ranges, i, 1)}
                  onMove={(d) => setRanges((rs) => moveBoundary(rs, i, d))}
                />
              )}
            </Box>
          ))}
        </Stack>
      </ScrollArea.Autosize>

      <Group
        justify="space-between"
        gap="sm"
        pt="sm"
        wrap="nowrap"
        style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
      >
        <Box>
          <Text size="sm" fw={600} data-testid="split-summary" data-count={count}>
            {count > 0 ? t("split.summary", { count, total }) : t("split.looking")}
          </Text>
          {count === 1 && (
            <Text size="xs" c="dimmed">
              {t("split.needTwo")}
            </Text>
          )}
        </Box>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" data-testid="split-cancel" onClick={onClose} disabled={making}>
            {t("common.cancel")}
          </Button>
          <Button
            data-testid="split-make"
            leftSection={<IconScissors size={16} aria-hidden />}
            loading={making}
            disabled={!valid || count < 2 || looking}
            onClick={() => void make()}
          >
            {t("split.make", { count })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function PlannedLetterRow({
  letter,
  index,
  range,
  address,
  isLast,
  onMerge,
  onSplitAt,
}: {
  letter: Letter;
  index: number;
  range: PageRange;
  address: ReturnType<typeof addressAt>;
  isLast: boolean;
  onMerge: () => void;
  onSplitAt: (page: number) => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const [w, h] = letter.preflight.page_sizes_mm[range.first_page] ?? [210, 297];
  const shown = Math.min(range.pages, SHOWN_PAGES);
  const recipient = address ? recipientText(address) : null;
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      data-testid="split-letter"
      data-index={index}
      data-first-page={range.first_page}
      data-pages={range.pages}
    >
      <Group gap="md" wrap="nowrap" align="center">
        <Text size="sm" fw={700} c="dimmed" w={28} ta="right" aria-hidden>
          {n}
        </Text>
        <PageThumb letterId={letter.id} page={range.first_page} width={THUMB_W} ratio={h / w} first />
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {t("split.letterN", { n })}
          </Text>
          <Text
            size="sm"
            truncate="end"
            data-testid="split-recipient"
            c={recipient ? undefined : "dimmed"}
            fs={recipient ? undefined : "italic"}
            title={address ? address.lines.join("\n") : undefined}
          >
            {recipient ?? (address === null ? t("split.noAddress") : t("split.addressLater"))}
          </Text>
          <Text size="xs" c="dimmed" data-testid="split-range">
            {rangeText(t, range)} · {t("send.pages", { count: range.pages })}
          </Text>
        </Box>
        {range.pages > 1 && (
          <Group gap={6} wrap="nowrap" align="flex-end" style={{ flexShrink: 0 }} aria-hidden>
            {Array.from({ length: shown - 1 }, (_, k) => (
              <PageThumb key={k} letterId={letter.id} page={range.first_page + k + 1} width={THUMB_W - 10} ratio={h / w} />
            ))}
            {range.pages > shown && (
              <Text size="xs" c="dimmed" pb={16} miw={24}>
                +{range.pages - shown}
              </Text>
            )}
          </Group>
        )}
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <Tooltip label={t("split.actions", { n })} withArrow openDelay={400}>
              <ActionIcon variant="subtle" color="gray" aria-label={t("split.actions", { n })} data-testid="split-letter-menu">
                <IconDots size={18} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconArrowsJoin size={16} aria-hidden />} disabled={isLast} onClick={onMerge} data-testid="split-merge-next">
              {t("split.mergeNext")}
            </Menu.Item>
            {range.pages > 1 && <Menu.Divider />}
            {Array.from({ length: range.pages - 1 }, (_, k) => {
              const page = range.first_page + k + 1;
              return (
                <Menu.Item
                  key={page}
                  leftSection={<IconScissors size={16} aria-hidden />}
                  onClick={() => onSplitAt(page)}
                  data-testid="split-at"
                  data-page={page}
                >
                  {t("split.splitHere", { page: page + 1 })}
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Paper>
  );
}

/** A page's thumbnail with its number (1-based) under it; the first page of a letter is outlined. */
function PageThumb({ letterId, page, width, ratio, first = false }: { letterId: number; page: number; width: number; ratio: number; first?: boolean }) {
  return (
    <Stack gap={0} align="center" style={{ flexShrink: 0 }}>
      <Box
        w={width}
        h={width * ratio}
        style={{
          background: "white",
          outline: first ? "1.5px solid var(--mantine-color-blue-filled)" : "1px solid var(--mantine-color-default-border)",
          borderRadius: 2,
          overflow: "hidden",
        }}
        data-testid={first ? "split-thumb" : undefined}
      >
        <Thumb letterId={letterId} index={page} />
      </Box>
      <Text size="10px" c="dimmed" lh={1.6}>
        {page + 1}
      </Text>
    </Stack>
  );
}

/** Between two letters: move the cut one page earlier or later. */
function Boundary({ index, canEarlier, canLater, onMove }: { index: number; canEarlier: boolean; canLater: boolean; onMove: (delta: -1 | 1) => void }) {
  const { t } = useTranslation();
  const names = { a: index + 1, b: index + 2 };
  return (
    <Group justify="center" gap={4} py={2} role="group" aria-label={t("split.boundary", names)} data-testid="split-boundary" data-index={index}>
      <Button
        variant="subtle"
        size="compact-xs"
        color="gray"
        leftSection={<IconArrowUp size={12} aria-hidden />}
        disabled={!canEarlier}
        aria-label={t("split.boundaryEarlier", names)}
        data-testid="split-boundary-earlier"
        onClick={() => onMove(-1)}
      >
        {t("split.earlier")}
      </Button>
      <Button
        variant="subtle"
        size="compact-xs"
        color="gray"
        leftSection={<IconArrowDown size={12} aria-hidden />}
        disabled={!canLater}
        aria-label={t("split.boundaryLater", names)}
        data-testid="split-boundary-later"
        onClick={() => onMove(1)}
      >
        {t("split.later")}
      </Button>
    </Group>
  );
}

/** The desk's offer beside a draft that looks like several letters. */
export function SplitOffer({ count, onSplit }: { count: number; onSplit: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="violet" variant="light" p="sm" icon={<IconScissors size={18} aria-hidden />} title={t("split.looksLike", { count })} data-testid="split-offer-panel">
      <Text size="xs" mb="xs">
        {t("split.looksLikeHint")}
      </Text>
      <Button size="xs" color="violet" leftSection={<IconScissors size={14} aria-hidden />} onClick={onSplit} data-testid="split-offer-open">
        {t("split.offer")}
      </Button>
    </Alert>
  );
}
