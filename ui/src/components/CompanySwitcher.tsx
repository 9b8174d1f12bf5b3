import { Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuilding } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

import { switchCompany, toAppError } from "../api";
import type { AppStatus } from "../bindings/AppStatus";

/** The current company; choosing another one switches the whole app to it. */
export function CompanySwitcher({ status, onStatus }: { status: AppStatus; onStatus: (s: AppStatus) => void }) {
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
      onChange={async (v) => {
        if (!v || v === String(status.company.id)) return;
        try {
          const s = await switchCompany(Number(v));
          onStatus(s);
          notifications.show({ message: t("company.switched", { name: s.company.name }) });
        } catch (e) {
          notifications.show({ color: "red", message: toAppError(e).message });
        }
      }}
      w={260}
      size="sm"
    />
  );
}
