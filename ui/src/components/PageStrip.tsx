import { Box, Indicator, ScrollArea, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { renderPage } from "../api";
import type { Letter } from "../bindings/Letter";

/** Thumbnails are small: ~24 dpi gives an A4 page about 80 px wide. */
export const THUMB_DPI = 24;
const THUMB_W = 64;

/** Pages (1-based) that have an error or a warning, for the marks on the thumbnails. */
function pagesWithProblems(letter: Letter): Map<number, "error" | "warning"> {
  const out = new Map<number, "error" | "warning">();
  for (const f of letter.preflight.findings) {
    if (f.page === null || f.severity === "info") continue;
    if (out.get(f.page) !== "error") out.set(f.page, f.severity);
  }
  return out;
}

/** A column of small renders of every page; clicking one shows it in the preview. */
export function PageStrip({ letter, pageIndex, onSelect }: { letter: Letter; pageIndex: number; onSelect: (index: number) => void }) {
  const { t } = useTranslation();
  const problems = pagesWithProblems(letter);
  const [w, h] = letter.preflight.page_sizes_mm[0] ?? [210, 297];
  return (
    <ScrollArea type="auto" style={{ flexShrink: 0 }} w={THUMB_W + 26} aria-label={t("send.pages")} data-testid="page-strip">
      <Stack gap={8} p={4} align="center">
        {Array.from({ length: letter.pages }, (_, i) => {
          const problem = problems.get(i + 1);
          return (
            <UnstyledButton
              key={`${letter.id}-${i}`}
              data-testid="page-thumb"
              data-page={i + 1}
              data-problem={problem}
              aria-current={i === pageIndex ? "page" : undefined}
              aria-label={t("send.showPage", { page: i + 1 })}
              onClick={() => onSelect(i)}
              style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: 2 }}
            >
              <Indicator disabled={!problem} color={problem === "error" ? "red" : "orange"} size={10} offset={3}>
                <Box
                  w={THUMB_W}
                  h={(THUMB_W * h) / w}
                  style={{
                    background: "white",
                    outline: i === pageIndex ? "2px solid var(--mantine-color-blue-filled)" : "1px solid var(--mantine-color-default-border)",
                    borderRadius: 2,
                    overflow: "hidden",
                  }}
                >
                  <Thumb letterId={letter.id} index={i} />
                </Box>
              </Indicator>
              <Text size="xs" c={i === pageIndex ? undefined : "dimmed"} fw={i === pageIndex ? 600 : 400}>
                {i + 1}
              </Text>
            </UnstyledButton>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}

/** A small render of page `index` (0-based) of a letter; a skeleton while it loads. */
export function Thumb({ letterId, index }: { letterId: number; index: number }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    renderPage(letterId, index, THUMB_DPI)
      .then((u) => {
        made = u;
        if (alive) setUrl(u);
        else URL.revokeObjectURL(u);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [letterId, index]);
  if (url) return <img src={url} alt="" draggable={false} style={{ width: "100%", height: "100%", display: "block" }} />;
  return failed ? null : <Skeleton h="100%" w="100%" radius={0} animate />;
}
