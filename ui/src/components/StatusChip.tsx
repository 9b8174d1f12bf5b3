import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { LetterState } from "../bindings/LetterState";
import type { ProviderKind } from "../bindings/ProviderKind";
import { STATE_COLOR, stateKey } from "../lib/letters";

/** A letter's state; for providers with states of their own (Ekopost, EasyPost), in the provider's terms. */
export function StatusChip({ state, provider, providerStatus }: { state: LetterState; provider?: ProviderKind; providerStatus?: string | null }) {
  const { t } = useTranslation();
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
      {t(stateKey(state, provider, providerStatus))}
    </Badge>
  );
}
