import { Box, Center, Loader, Text } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { renderPage, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { Letter } from "../bindings/Letter";
import type { ProviderRules } from "../bindings/ProviderRules";
import { marksOnPage, zonesForPage, zonesWithFindings } from "../lib/letters";
import { ErrorNotice } from "./ErrorNotice";
import { ZoneOverlay } from "./ZoneOverlay";

/** ~100 dpi: sharp at the sizes we show, cheap to render. */
const PREVIEW_DPI = 100;
/** CSS pixels per mm at 100 % (CSS has 96 px to the inch). */
const PX_PER_MM = 96 / 25.4;

/** "fit": the whole page in the box; a number: that many times the page's real size. */
export type Zoom = "fit" | 1 | 1.5;
export const ZOOMS: Zoom[] = ["fit", 1, 1.5];

/** Render resolution for a zoom: enough dpi that the image is not blurred. */
export const dpiFor = (zoom: Zoom) => (zoom === "fit" ? PREVIEW_DPI : Math.max(PREVIEW_DPI, Math.ceil((96 * zoom) / 50) * 50));

/**
 * One page with the zones drawn over it: scaled to fit the space it is given, or at
 * 100 % / 150 % of its real size in a scrolling box.
 */
export function PagePreview({
  letter,
  pageIndex,
  rules,
  showZones,
  zoom = "fit",
  flash = null,
}: {
  letter: Letter;
  pageIndex: number;
  rules: ProviderRules | null;
  showZones: boolean;
  zoom?: Zoom;
  /** A zone to flash (a finding about it was clicked); a new `key` flashes it again. */
  flash?: { zone: string; key: number } | null;
}) {
  const { t } = useTranslation();
  const { ref, width, height } = useElementSize();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const dpi = dpiFor(zoom);

  // A file pdfium could not open has no page: nothing to render, nothing to draw over.
  const unreadable = letter.preflight.pages === 0;

  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    setUrl(null);
    setError(null);
    if (unreadable) return;
    renderPage(letter.id, pageIndex, dpi)
      .then((u) => {
        made = u;
        if (alive) setUrl(u);
        else URL.revokeObjectURL(u);
      })
      .catch((e) => alive && setError(toAppError(e)));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [letter.id, pageIndex, dpi, unreadable]);

  const size: [number, number] =
    letter.preflight.page_sizes_mm[pageIndex] ?? rules?.page_size_mm ?? [210, 297];
  const marks = marksOnPage(letter.preflight.findings, pageIndex);
  // Fit the page into the box; before the box is measured, assume a usual size.
  const availW = width > 0 ? width : 480;
  const availH = height > 0 ? height : 640;
  const scale = zoom === "fit" ? Math.min(availW / size[0], availH / size[1]) : zoom * PX_PER_MM;
  const pageLabel = t("send.preview", { page: pageIndex + 1, file: letter.file_name });

  if (unreadable) {
    return (
      <Center data-testid="preview-unreadable" style={{ flex: 1, minHeight: 0 }} p="lg">
        <Text size="sm" c="dimmed" ta="center" maw={320}>
          {t("send.previewUnreadable")}
        </Text>
      </Center>
    );
  }

  return (
    <Box ref={ref} style={{ flex: 1, minHeight: 0, minWidth: 0, position: "relative" }}>
      <Box
        data-testid="preview-scroll"
        style={
          zoom === "fit"
            ? { position: "absolute", inset: 0, display: "flex", alignItems: "center", justifyContent: "center" }
            : { position: "absolute", inset: 0, overflow: "auto", display: "flex" }
        }
      >
        <Box
          data-testid="preview-page"
          data-zoom={String(zoom)}
          style={{
            margin: "auto",
            flexShrink: 0,
            position: "relative",
            width: size[0] * scale,
            height: size[1] * scale,
            background: "white",
            boxShadow: "0 1px 3px rgba(0,0,0,0.12), 0 6px 20px rgba(0,0,0,0.08)",
            borderRadius: 2,
          }}
        >
          {url && (
            <img
              data-testid="preview-image"
              src={url}
              alt={pageLabel}
              draggable={false}
              style={{ width: "100%", height: "100%", display: "block", borderRadius: 2 }}
            />
          )}
          {!url && !error && (
            <Center style={{ position: "absolute", inset: 0 }}>
              <Loader size="sm" aria-label={pageLabel} />
            </Center>
          )}
          {error && (
            <Center style={{ position: "absolute", inset: 0 }} p="md">
              <Box maw={320}>
                <Text size="sm" fw={600} mb={6} c="dark">
                  {t("send.previewFailed")}
                </Text>
                <ErrorNotice error={error} />
              </Box>
            </Center>
          )}
          {rules && (showZones || marks.length > 0) && (
            <ZoneOverlay
              pageSizeMm={size}
              zones={showZones ? zonesForPage(rules.zones, pageIndex) : []}
              marks={marks}
              problemZones={zonesWithFindings(letter.preflight.findings, pageIndex)}
              label={t("send.showZones")}
              flashZone={flash?.zone ?? null}
              flashKey={flash?.key ?? 0}
            />
          )}
        </Box>
      </Box>
    </Box>
  );
}
