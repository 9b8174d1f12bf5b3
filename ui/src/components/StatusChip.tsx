import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

import type { LetterState } from "../bindings/LetterState";
import { STATE_COLOR } from "../lib/letters";

export function StatusChip({ state }: { state: LetterState }) {
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
      {t(`state.${state}`)}
    </Badge>
  );
}
