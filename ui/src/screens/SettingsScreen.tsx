import { Button, Paper, SegmentedControl, Select, Stack, Text, Title, useMantineColorScheme, type MantineColorScheme } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { chooseLanguage, chosenLanguage, LANGUAGE_NAMES, LANGUAGES, systemLanguage, type Language } from "../i18n";
import type { AppStatus } from "../bindings/AppStatus";
import { AboutSection } from "./AboutSection";
import { HotFolders } from "./settings/HotFolders";

export function SettingsScreen({ status, onRunWizard }: { status: AppStatus; onRunWizard?: () => void }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<string>(chosenLanguage() ?? "system");
  const { colorScheme, setColorScheme } = useMantineColorScheme();

  return (
    <Stack gap="lg" maw={640}>
      <Title order={2} size="h3">
        {t("settings.title")}
      </Title>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="xs">
          <Select
            data-testid="settings-language"
            label={t("settings.language")}
            description={t("settings.languageHint")}
            data={[
              { value: "system", label: `${t("settings.system")} (${LANGUAGE_NAMES[systemLanguage()]})` },
              ...LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })),
            ]}
            value={lang}
            allowDeselect={false}
            onChange={(v) => {
              const next = v ?? "system";
              setLang(next);
              chooseLanguage(next === "system" ? null : (next as Language));
            }}
            w={320}
          />
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Stack gap={6}>
          <Text size="sm" fw={500} id="theme-label">
            {t("settings.theme")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("settings.themeHint")}
          </Text>
          <SegmentedControl
            data-testid="settings-theme"
            aria-labelledby="theme-label"
            w="fit-content"
            value={colorScheme}
            onChange={(v) => setColorScheme(v as MantineColorScheme)}
            data={[
              { value: "auto", label: t("settings.themeAuto") },
              { value: "light", label: t("settings.themeLight") },
              { value: "dark", label: t("settings.themeDark") },
            ]}
          />
        </Stack>
      </Paper>
      <HotFolders status={status} />
      {onRunWizard && (
        <Paper withBorder radius="md" p="lg">
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t("settings.wizard")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("settings.wizardHint")}
            </Text>
            <Button variant="default" w="fit-content" onClick={onRunWizard} data-testid="settings-run-wizard">
              {t("settings.runWizard")}
            </Button>
          </Stack>
        </Paper>
      )}
      <AboutSection />
    </Stack>
  );
}
