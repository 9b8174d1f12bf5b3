import { Badge, Tooltip } from "@mantine/core";
import { IconFlask, IconPlugConnected, IconTestPipe } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { Environment } from "../bindings/Environment";

export const ENV_COLOR: Record<Environment, string> = { sandbox: "violet", test: "orange", live: "red" };
const ENV_ICON = { sandbox: IconFlask, test: IconTestPipe, live: IconPlugConnected };

/** Always visible: the word and the icon carry the meaning, the colour only repeats it. */
export function EnvBadge({ environment }: { environment: Environment }) {
  const { t } = useTranslation();
  const Icon = ENV_ICON[environment];
  return (
    <Tooltip label={t(`env.${environment}Hint`)} multiline w={260} withArrow>
      <Badge
        data-testid="env-badge"
        data-environment={environment}
        aria-label={`${t("env.label")}: ${t(`env.${environment}`)}`}
        color={ENV_COLOR[environment]}
        variant={environment === "live" ? "filled" : "light"}
        size="lg"
        radius="sm"
        leftSection={<Icon size={16} aria-hidden />}
        style={{ letterSpacing: "0.06em" }}
      >
        {t(`env.${environment}`)}
      </Badge>
    </Tooltip>
  );
}
