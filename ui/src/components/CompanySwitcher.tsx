import { Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuilding } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import type { AppStatus } from "../bindings/AppStatus";

/** Shows the current company; switching needs a backend command that does not exist yet. */
export function CompanySwitcher({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  return (
    <Select
      data-testid="company-switcher"
      aria-label={t("company.label")}
      leftSection={<IconBuilding size={16} aria-hidden />}
      data={status.companies.map((c) => ({ value: String(c.id), label: c.name }))}
      value={String(status.company.id)}
      allowDeselect={false}
      disabled={status.companies.length < 2}
      onChange={(v) => {
        if (v !== String(status.company.id)) notifications.show({ message: t("company.switchSoon") });
      }}
      w={260}
      size="sm"
    />
  );
}
