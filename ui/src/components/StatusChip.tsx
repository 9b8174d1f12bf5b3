import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { LetterState } from "../bindings/LetterState";
import type { ProviderKind } from "../bindings/ProviderKind";
import { STATE_COLOR } from "../lib/letters";

/** Ekopost's envelope states, worded in the job list (the provider's own word is kept in `provider_status`). */
const EKOPOST_STATES = ["opened", "closed", "transferred", "printed", "posted", "completed", "cancelled", "failed"];

/** A letter's state; for providers with states of their own (Ekopost), in the provider's terms. */
export function StatusChip({ state, provider, providerStatus }: { state: LetterState; provider?: ProviderKind; providerStatus?: string | null }) {
  const { t } = useTranslation();
  const own = provider === "ekopost" && providerStatus && EKOPOST_STATES.includes(providerStatus) && state !== "draft" && state !== "queued" && state !== "submitting";
  return (
    <Badge
      data-testid="job-status"
      data-state={state}
      color={STATE_COLOR[state]}
      variant={state === "sent" || state === "failed" ? "filled" : "light"}
      radius="sm"
      tt="none"
      fw={600}
      styles={{ root: { maxWidth: "none", overflow: "visible" }, label: { overflow: "visible" } }}
    >
      {own ? t(`ekopostState.${providerStatus}`) : t(`state.${state}`)}
    </Badge>
  );
}
