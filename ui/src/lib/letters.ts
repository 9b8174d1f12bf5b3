import type { Mark } from "../bindings/Mark";
import type { Finding } from "../bindings/Finding";
import type { Letter } from "../bindings/Letter";
import type { LetterState } from "../bindings/LetterState";
import type { ProviderKind } from "../bindings/ProviderKind";
import type { RestrictedZone } from "../bindings/RestrictedZone";

export type Verdict = "ok" | "warning" | "error";

export function verdictOf(letter: Letter): Verdict {
  const f = letter.preflight.findings;
  if (f.some((x) => x.severity === "error")) return "error";
  if (f.some((x) => x.severity === "warning")) return "warning";
  return "ok";
}

export function firstError(letter: Letter): Finding | undefined {
  return letter.preflight.findings.find((x) => x.severity === "error");
}

/** The first line of the recipient's address, as read from the address window. */
export function recipientLine(letter: Letter): string | null {
  const lines = letter.recipient?.lines ?? letter.preflight.address?.lines ?? [];
  return lines.find((l) => l.trim() !== "") ?? null;
}

/** Zones that apply to page `pageIndex` (0-based). */
export function zonesForPage(zones: RestrictedZone[], pageIndex: number): RestrictedZone[] {
  return zones.filter((z) => z.pages === "all" || (z.pages === "first" ? pageIndex === 0 : pageIndex > 0));
}

/** Zone ids that a finding on page `pageIndex` (0-based) points at. */
export function zonesWithFindings(findings: Finding[], pageIndex: number): Set<string> {
  const page = pageIndex + 1;
  // A finding with marks names every page it is on through them (ink in the margin
  // of pages 1–3); one without, through its page.
  const onPage = (f: Finding) =>
    (f.marks ?? []).length > 0 ? f.marks.some((m) => m.page === page) : f.page === null || f.page === page;
  return new Set(findings.filter((f) => f.zone && f.severity !== "info" && onPage(f)).map((f) => f.zone as string));
}

/** Where on page `pageIndex` (0-based) something prints into a zone: red outlines. */
export function marksOnPage(findings: Finding[], pageIndex: number): Mark[] {
  return findings.filter((f) => f.severity !== "info").flatMap((f) => (f.marks ?? []).filter((m) => m.page === pageIndex + 1));
}

export const JOB_STATES: LetterState[] = [
  "scheduled",
  "queued",
  "submitting",
  "submitted",
  "accepted",
  "released",
  "printing",
  "sent",
  "failed",
  "cancelled",
];

export const STATE_COLOR: Record<LetterState, string> = {
  draft: "gray",
  scheduled: "violet",
  queued: "gray",
  submitting: "blue",
  submitted: "blue",
  accepted: "cyan",
  released: "teal",
  printing: "teal",
  sent: "green",
  failed: "red",
  cancelled: "gray",
};

/** Replaces the letter with the same id, or puts a new one first (lists are newest first). */
export function upsertById(list: Letter[], letter: Letter): Letter[] {
  const i = list.findIndex((l) => l.id === letter.id);
  if (i === -1) return [letter, ...list];
  const next = list.slice();
  next[i] = letter;
  return next;
}

/** Ekopost's envelope states, worded in the job list (the provider's own word is kept in `provider_status`). */
const EKOPOST_STATES = ["opened", "closed", "transferred", "printed", "posted", "completed", "cancelled", "failed"];

/** EasyPost's sending-event statuses, worded like the job drawer's deliveries. */
const EASYPOST_STATES = ["CREATED", "PROCESSING", "PRINTED", "SENT", "DELIVERED", "FAILED", "CANCELLED"];

/** States that are ours, not the provider's (before and around the hand-over). */
const OUR_STATES: LetterState[] = ["draft", "scheduled", "queued", "submitting", "cancelled"];

/**
 * The i18n key of a letter's state: E-POST's numbered statuses for E-POST
 * letters (and when the provider is not known), the provider's own words where it
 * has states of its own (Ekopost envelopes, EasyPost sending events), plain words
 * for any other provider.
 */
export function stateKey(state: LetterState, provider?: ProviderKind, providerStatus?: string | null): string {
  if (state === "scheduled") return "schedule.state";
  if (!provider || provider === "epost" || OUR_STATES.includes(state)) return `state.${state}`;
  if (provider === "ekopost" && providerStatus && EKOPOST_STATES.includes(providerStatus)) return `ekopostState.${providerStatus}`;
  if (provider === "easypost" && providerStatus && EASYPOST_STATES.includes(providerStatus)) return `deliveries.status.easypost.${providerStatus}`;
  return `deliveries.state.${state}`;
}

/** The i18n key of the sentence explaining a letter's state (numbered statuses only for E-POST). */
export function stateExplainedKey(state: LetterState, provider?: ProviderKind): string {
  if (state === "scheduled") return "schedule.explained";
  if (!provider || provider === "epost" || OUR_STATES.includes(state)) return `jobs.stateExplained.${state}`;
  return `jobs.stateExplainedOther.${state}`;
}
