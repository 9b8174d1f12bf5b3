import { Badge, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconBuilding } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { AppStatus } from "../bindings/AppStatus";
import { EnvBadge } from "../components/EnvBadge";

function SoonButton({ children, testId }: { children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("common.comingSoon")} withArrow>
      {/* A disabled button gets no pointer events; the span keeps the tooltip working. */}
      <span>
        <Button variant="default" size="xs" disabled data-testid={testId}>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}

function Section({ title, hint, actions, children }: { title: string; hint: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3} size="h5">
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}

function Value({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

export function SetupScreen({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const { company, account } = status;
  const e = account.epost;
  const onOff = (b: boolean) => (b ? t("common.on") : t("common.off"));
  const yesNo = (b: boolean) => (b ? t("common.yes") : t("common.no"));
  const masked = (set: boolean) =>
    set ? (
      <span aria-label={t("setup.masked")}>{t("setup.masked")}</span>
    ) : (
      <Text span size="sm" c="dimmed" fs="italic">
        {t("common.notSet")}
      </Text>
    );

  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="lg" maw={880}>
        <Stack gap={4}>
          <Title order={2} size="h3">
            {t("setup.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("setup.intro")}
          </Text>
        </Stack>

        <Group gap="sm">
          <IconBuilding size={22} stroke={1.5} aria-hidden />
          <Text fw={600} size="lg" data-testid="setup-company">
            {company.name}
          </Text>
          {company.is_sandbox && (
            <Badge variant="outline" color="violet" radius="sm">
              {t("setup.sandboxCompany")}
            </Badge>
          )}
        </Group>

        <Group justify="space-between">
          <Title order={3} size="h4">
            {t("setup.account", { provider: t(`provider.${account.provider}`) })}
          </Title>
          <EnvBadge environment={account.environment} />
        </Group>

        <Section
          title={t("setup.access")}
          hint={t("setup.accessHint")}
          actions={
            <>
              <SoonButton testId="setup-set-password">{t("setup.setPassword")}</SoonButton>
              <SoonButton testId="setup-test-connection">{t("setup.testConnection")}</SoonButton>
              <SoonButton testId="setup-copy-credentials">{t("setup.copyCredentials")}</SoonButton>
            </>
          }
        >
          <SimpleGrid cols={3} spacing="lg">
            <Value label={t("setup.ekp")} testId="setup-ekp">
              <Text span ff="monospace" size="sm" fw={500}>
                {e.ekp || t("common.notSet")}
              </Text>
            </Value>
            <Value label={t("setup.password")} testId="setup-password">
              {masked(account.has_password)}
            </Value>
            <Value label={t("setup.secret")} testId="setup-secret">
              {masked(account.has_secret)}
            </Value>
          </SimpleGrid>
        </Section>

        <Section
          title={t("setup.defaults")}
          hint={t("setup.defaultsHint")}
          actions={<SoonButton testId="setup-edit-defaults">{t("setup.editDefaults")}</SoonButton>}
        >
          <SimpleGrid cols={4} spacing="lg" verticalSpacing="md">
            <Value label={t("option.color")}>{yesNo(account.defaults.color)}</Value>
            <Value label={t("option.duplex")}>{yesNo(account.defaults.duplex)}</Value>
            <Value label={t("option.registered")}>{t(`registered.${account.defaults.registered}`)}</Value>
            <Value label={t("option.cover_letter")}>{yesNo(account.defaults.cover_letter)}</Value>
            <Value label={t("setup.saveFile")}>{yesNo(e.save_file_in_joblist)}</Value>
            <Value label={t("setup.showDialog")}>{yesNo(e.show_dialog)}</Value>
            <Value label={t("setup.showRestricted")}>{yesNo(e.show_restricted_area)}</Value>
          </SimpleGrid>
        </Section>

        <Section
          title={t("setup.testMode")}
          hint={t("setup.testModeHint")}
          actions={<SoonButton testId="setup-change-test-mode">{t("setup.changeTestMode")}</SoonButton>}
        >
          <SimpleGrid cols={3} spacing="lg">
            <Value label={t("setup.testModeOn")} testId="setup-test-mode">
              {onOff(e.test_mode)}
            </Value>
            <Value label={t("setup.testEmail")}>{e.test_email || t("common.notSet")}</Value>
          </SimpleGrid>
        </Section>

        <Section
          title={t("setup.admin")}
          hint={t("setup.adminHint")}
          actions={<SoonButton testId="setup-change-admin">{t("setup.changeAdmin")}</SoonButton>}
        >
          <Text size="sm" c="dimmed">
            {t("setup.adminSoon")}
          </Text>
        </Section>
      </Stack>
    </ScrollArea>
  );
}
