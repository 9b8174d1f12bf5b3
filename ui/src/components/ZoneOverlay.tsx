import { useTranslation } from "react-i18next";

import type { Mark } from "../bindings/Mark";
import type { RestrictedZone } from "../bindings/RestrictedZone";

/**
 * The provider's restricted areas over a page. The viewBox is the page in mm, so the
 * zones (given in mm from the top-left corner) need no conversion at any zoom.
 */
export function ZoneOverlay({
  pageSizeMm,
  zones,
  problemZones,
  label,
  flashZone = null,
  flashKey = 0,
  marks = [],
}: {
  pageSizeMm: [number, number];
  zones: RestrictedZone[];
  problemZones: Set<string>;
  label: string;
  /** A zone to flash once (a finding about it was clicked); `flashKey` restarts it. */
  flashZone?: string | null;
  flashKey?: number;
  /** What prints into a zone (from the preflight), outlined in red. */
  marks?: Mark[];
}) {
  const { t } = useTranslation();
  const [w, h] = pageSizeMm;
  return (
    <svg
      data-testid="zones-overlay"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      style={{ position: "absolute", inset: 0, width: "100%", height: "100%", pointerEvents: "none" }}
    >
      <defs>
        <pattern id="pd-hatch" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="3" stroke="rgba(100,110,130,0.35)" strokeWidth="0.8" />
        </pattern>
      </defs>
      {zones.map((z) => {
        const problem = problemZones.has(z.id);
        const address = z.kind === "address_window";
        const flash = flashZone === z.id;
        return (
          <rect
            key={flash ? `${z.id}-flash-${flashKey}` : z.id}
            className={flash ? "pd-zone-flash" : undefined}
            data-flash={flash || undefined}
            data-testid="zone-rect"
            data-zone={z.id}
            data-kind={z.kind}
            data-problem={problem || undefined}
            x={z.x_mm}
            y={z.y_mm}
            width={z.w_mm}
            height={z.h_mm}
            fill={problem ? "rgba(224,49,49,0.22)" : address ? "rgba(34,139,230,0.08)" : "url(#pd-hatch)"}
            stroke={problem ? "rgb(224,49,49)" : address ? "rgb(34,139,230)" : "rgba(100,110,130,0.7)"}
            strokeWidth={problem ? 0.8 : 0.4}
            strokeDasharray={address || problem ? undefined : "2 1.2"}
          >
            <title>{t(`zones.${z.id}`, { defaultValue: z.label })}</title>
          </rect>
        );
      })}
      {marks.map((m, i) => (
        <rect
          key={`mark-${i}`}
          data-testid="ink-mark"
          x={m.x_mm - 0.6}
          y={m.y_mm - 0.6}
          width={m.w_mm + 1.2}
          height={m.h_mm + 1.2}
          fill="rgba(224,49,49,0.12)"
          stroke="rgb(201,42,42)"
          strokeWidth={0.7}
          rx={0.6}
        />
      ))}
    </svg>
  );
}
