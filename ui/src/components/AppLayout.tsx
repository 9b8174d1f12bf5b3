import { AppShell, Badge, Box, Group, NavLink, Stack, Text } from "@mantine/core";
import { IconFileInvoice, IconInbox, IconListDetails, IconMailForward, IconSettings, IconTool } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { AppStatus } from "../bindings/AppStatus";
import { CompanySwitcher } from "./CompanySwitcher";
import { ENV_COLOR, EnvBadge } from "./EnvBadge";

export type Screen = "send" | "jobs" | "setup" | "inbox" | "peppol" | "settings";

const NAV: { screen: Screen; icon: typeof IconInbox; testId: string; label?: string }[] = [
  { screen: "send", icon: IconMailForward, testId: "nav-send" },
  { screen: "jobs", icon: IconListDetails, testId: "nav-jobs" },
  { screen: "setup", icon: IconTool, testId: "nav-setup" },
  { screen: "inbox", icon: IconInbox, testId: "nav-inbox" },
  { screen: "peppol", icon: IconFileInvoice, testId: "nav-peppol", label: "peppol.nav" },
  { screen: "settings", icon: IconSettings, testId: "nav-settings" },
];

export function AppLayout({
  status,
  screen,
  onNavigate,
  onStatus,
  peppolUnseen = 0,
  children,
}: {
  status: AppStatus;
  screen: Screen;
  onNavigate: (s: Screen) => void;
  onStatus: (s: AppStatus) => void;
  /** New Peppol documents, for the Peppol inbox's badge (EasyPost companies only). */
  peppolUnseen?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const items = NAV.filter((n) => n.screen !== "inbox" || status.environment === "sandbox").filter(
    (n) => n.screen !== "peppol" || status.account.provider === "easypost",
  );
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 224, breakpoint: 0 }} padding="md">
      <AppShell.Header style={{ borderTop: `3px solid var(--mantine-color-${ENV_COLOR[status.environment]}-filled)` }}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Group gap={8} w={168} wrap="nowrap">
              <Box
                w={28}
                h={28}
                style={{ borderRadius: 7, background: "var(--mantine-color-blue-filled)", display: "grid", placeItems: "center" }}
                aria-hidden
              >
                <IconMailForward size={18} color="white" />
              </Box>
              <Text fw={700} size="lg">
                {t("app.name")}
              </Text>
            </Group>
            <CompanySwitcher status={status} onStatus={onStatus} />
          </Group>
          <EnvBadge environment={status.environment} />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t("nav.label")}>
        <Stack gap={2}>
          {items.map(({ screen: s, icon: Icon, testId, label }) => (
            <NavLink
              key={s}
              component="button"
              data-testid={testId}
              label={t(label ?? `nav.${s}`)}
              rightSection={
                s === "peppol" && peppolUnseen > 0 ? (
                  <Badge size="sm" circle={peppolUnseen < 10} color="red" data-testid="nav-peppol-badge" aria-label={t("peppol.newCount", { count: peppolUnseen })}>
                    {peppolUnseen > 99 ? "99+" : peppolUnseen}
                  </Badge>
                ) : undefined
              }
              leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
              active={screen === s}
              aria-current={screen === s ? "page" : undefined}
              onClick={() => onNavigate(s)}
              variant="light"
              style={{ borderRadius: "var(--mantine-radius-md)" }}
              fw={500}
            />
          ))}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main style={{ display: "flex", flexDirection: "column", height: "100dvh" }}>
        <Box style={{ flex: 1, minHeight: 0 }}>{children}</Box>
      </AppShell.Main>
    </AppShell>
  );
}
