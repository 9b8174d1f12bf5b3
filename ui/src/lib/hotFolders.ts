import type { HotFolderSettings } from "../bindings/HotFolderSettings";
import type { SendOptions } from "../bindings/SendOptions";
import type { SplitRule } from "../bindings/SplitRule";
import type { TextPosition } from "../bindings/TextPosition";
import { localMidnightMs, sendOnBounds } from "./sendOn";

/** A folder's last path component ("/srv/post/Invoices/" → "Invoices", "\\\\nas\\out" → "out"); the path itself if it has none. */
export function folderName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== "");
  return parts[parts.length - 1] ?? path;
}

export type SplitKind = "none" | "address" | "pages" | "text";

/** The hot folder form as the clerk fills it in; `settingsOf` turns it into what the core takes. */
export interface HotFolderForm {
  path: string;
  company: string;
  mode: "send" | "desk";
  useDefaults: boolean;
  options: SendOptions;
  split: SplitKind;
  pages: number | string;
  pattern: string;
  position: TextPosition;
  /** YYYY-MM-DD or "" (no day: at once). */
  day: string;
  enabled: boolean;
}

export function formOf(settings: HotFolderSettings | null, companyId: number, defaults: SendOptions, now: Date): HotFolderForm {
  const split = settings?.split ?? null;
  const day = settings?.send_on?.date ?? "";
  return {
    path: settings?.path ?? "",
    company: String(settings?.company_id ?? companyId),
    mode: settings?.mode ?? "desk",
    useDefaults: settings ? settings.options === null : true,
    options: { ...(settings?.options ?? defaults) },
    split: split?.by ?? "none",
    pages: split?.by === "pages" ? split.pages : 2,
    pattern: split?.by === "text" ? split.pattern : "",
    position: split?.by === "text" ? split.position : "first",
    // A day gone by means nothing any more: the field starts empty.
    day: day !== "" && day >= sendOnBounds(now).min ? day : "",
    enabled: settings?.enabled ?? true,
  };
}

function splitOf(f: HotFolderForm): SplitRule | null {
  switch (f.split) {
    case "none":
      return null;
    case "address":
      return { by: "address" };
    case "pages":
      return { by: "pages", pages: Number(f.pages) };
    case "text":
      return { by: "text", pattern: f.pattern, position: f.position };
  }
}

/** The day is out of bounds (past, more than a year ahead, or no date): the form says so and does not save. */
export function dayProblem(day: string, now: Date): boolean {
  if (day === "") return false;
  const { min, max } = sendOnBounds(now);
  return localMidnightMs(day) === null || day < min || day > max;
}

export function settingsOf(f: HotFolderForm): HotFolderSettings {
  const at = f.day === "" ? null : localMidnightMs(f.day);
  return {
    path: f.path.trim(),
    company_id: Number(f.company),
    mode: f.mode,
    options: f.useDefaults ? null : { ...f.options },
    split: splitOf(f),
    send_on: at === null ? null : { date: f.day, at_ms: at },
    enabled: f.enabled,
  };
}
