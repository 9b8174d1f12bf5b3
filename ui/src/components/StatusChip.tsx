import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { LetterState } from "../bindings/LetterState";
import type { ProviderKind } from "../bindings/ProviderKind";
import { STATE_COLOR, stateKey } from "../lib/letters";
import { formatDay } from "../lib/sendOn";

/** A letter's state; for providers with states of their own (Ekopost, EasyPost), in the provider's terms; a scheduled letter with its day (`sendOn`). */
export function StatusChip({
  state,
  provider,
  providerStatus,
  sendOn,
}: {
  state: LetterState;
  provider?: ProviderKind;
  providerStatus?: string | null;
  sendOn?: string | null;
}) {
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
      {state === "scheduled" && sendOn ? t("schedule.stateOn", { date: formatDay(sendOn) }) : t(stateKey(state, provider, providerStatus))}
    </Badge>
  );
}
