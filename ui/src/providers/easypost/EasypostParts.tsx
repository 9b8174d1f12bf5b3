// EasyPost Connect's pieces shared by Setup and the setup assistant: the host
// (the development API the seed names, or production at the address given with
// the contract), the channels of a workflow in words, the connection test's
// answer with the workflow picker, and the saved workflow (shown without a call).
import { Alert, Badge, Group, Radio, SimpleGrid, Stack, Text, TextInput, type TextInputProps } from "@mantine/core";
import { IconAlertTriangle, IconArrowRight, IconCheck } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import type { EasypostHost } from "../../bindings/EasypostHost";
import type { EasypostReach } from "../../bindings/EasypostReach";
import type { EasypostSettings } from "../../bindings/EasypostSettings";
import type { EasypostWorkflow } from "../../bindings/EasypostWorkflow";
import { InView } from "../posti/PostiGuide";

/** The seed's development API (`shared/seeds/002_…`); production's address comes with the contract. */
export const DEVELOPMENT_URL = "https://api.dev.connect.easypost.eu";

/** The channels the window has words for (`wire::channel`); any other is shown as EasyPost names it. */
const CHANNELS = ["POSTAL_MAIL", "REGISTERED_MAIL", "EMAIL", "EBOX", "PEPPOL"];

export const EMPTY_SETTINGS: EasypostSettings = {
  host: "development", production_url: "", auth: "api_key", client_id: "", token_url: "", certificate_path: "", workflow_id: "", workflow_name: "", workflow_channels: [],
};

/** The EasyPost settings of an EasyPost account (empty for any other provider). */
export const easypostSettings = (settings: { easypost: EasypostSettings } | object): EasypostSettings =>
  "easypost" in settings ? { ...EMPTY_SETTINGS, ...settings.easypost } : EMPTY_SETTINGS;

/** Why Postdesk cannot send letters on a workflow (translation keys), none if it can: single-file and active only. */
export function unusableReasons(w: EasypostWorkflow): string[] {
  const why: string[] = [];
  if (w.type !== "SINGLE_FILE") why.push("easypost.notPdf");
  if (w.status !== "ACTIVE") why.push("easypost.inactive");
  return why;
}

export const usable = (w: EasypostWorkflow) => unusableReasons(w).length === 0;

/** A channel in the clerk's words. */
export const channelText = (t: TFunction, c: string) => (CHANNELS.includes(c) ? t(`easypost.channel.${c}`) : c);

/** A production address Postdesk can use: https and a host (the core checks it again). */
export function productionUrlError(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return u.protocol !== "https:" || u.hostname === "";
  } catch {
    return true;
  }
}

/** The channels a workflow tries, in order: "eBox (digital mailbox) → Printed and posted". */
export function Channels({ channels, testId }: { channels: string[]; testId?: string }) {
  const { t } = useTranslation();
  if (channels.length === 0) return <Text size="xs" c="dimmed" data-testid={testId}>{t("easypost.noChannels")}</Text>;
  return (
    <Group gap={4} wrap="wrap" data-testid={testId} aria-label={t("easypost.channels")}>
      {channels.map((c, i) => (
        <Group gap={4} key={`${c}-${i}`} wrap="nowrap">
          {i > 0 && <IconArrowRight size={12} aria-label={t("easypost.then")} role="img" />}
          <Badge variant="light" color="blue" radius="sm" tt="none" fw={500}>{channelText(t, c)}</Badge>
        </Group>
      ))}
    </Group>
  );
}

/** Development API or production (with its address); `disabled` in Postdesk's sandbox.
 *  `testId`: prefix of the test ids (the assistant's differ from Setup's, which stays mounted behind it). */
export function HostFields({ host, onHost, urlProps, disabled, testId = "easypost" }: {
  host: EasypostHost;
  onHost: (h: EasypostHost) => void;
  urlProps: TextInputProps;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Radio.Group label={t("easypost.host")} value={host} onChange={(v) => onHost(v as EasypostHost)}>
        <SimpleGrid cols={2} spacing="sm" mt={4}>
          {(["development", "production"] as const).map((h) => (
            <Radio.Card key={h} value={h} radius="md" p="sm" disabled={disabled} data-testid={`${testId}-host-${h}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator disabled={disabled} />
                <Stack gap={2}>
                  <Text size="sm" fw={600}>{h === "development" ? t("easypost.hostDevelopment") : t("easypost.hostProduction")}</Text>
                  <Text size="xs" c="dimmed">
                    {h === "development" ? t("easypost.hostDevelopmentHelp", { url: DEVELOPMENT_URL }) : t("easypost.hostProductionHelp")}
                  </Text>
                </Stack>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
      {host === "production" && (
        <TextInput
          label={t("easypost.productionUrl")}
          description={t("easypost.productionUrlHelp")}
          placeholder="https://"
          disabled={disabled}
          data-testid={`${testId}-production-url`}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          {...urlProps}
        />
      )}
    </Stack>
  );
}

/** The connection test's answer: the service and the key work; the account's workflows to pick from. */
export function WorkflowPicker({ reach, value, onPick, testId = "easypost" }: { reach: EasypostReach; value: string; onPick: (w: EasypostWorkflow) => void; testId?: string }) {
  const { t } = useTranslation();
  const any = reach.workflows.some(usable);
  return (
    <InView>
      <Stack gap="sm" data-testid={`${testId}-reach`}>
        <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} data-testid={`${testId}-reach-ok`}>{t("easypost.reachOk")}</Alert>
        {!any && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} data-testid={`${testId}-no-workflow`}>{t("easypost.workflowsNone")}</Alert>
        )}
        <Radio.Group
          label={t("easypost.workflow")}
          description={t("easypost.workflowHint")}
          value={value || null}
          onChange={(id) => {
            const w = reach.workflows.find((x) => x.id === id);
            if (w && usable(w)) onPick(w);
          }}
        >
          <Stack gap="xs" mt="xs" data-testid={`${testId}-workflows`}>
            {reach.workflows.map((w) => {
              const why = unusableReasons(w);
              return (
                <Radio.Card key={w.id} value={w.id} radius="md" p="sm" disabled={why.length > 0} data-testid={`${testId}-workflow-${w.id}`} data-usable={why.length === 0}
                  style={why.length ? { cursor: "not-allowed", background: "var(--mantine-color-default-hover)" } : undefined}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator disabled={why.length > 0} />
                    <Stack gap={4} style={{ flex: 1 }}>
                      <Group gap="xs" justify="space-between">
                        <Text size="sm" fw={600} c={why.length ? "dimmed" : undefined}>{w.name}</Text>
                        {why.length > 0 && (
                          <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500} data-testid={`${testId}-workflow-${w.id}-why`}>{why.map((k) => t(k)).join(" · ")}</Badge>
                        )}
                      </Group>
                      {w.description && <Text size="xs" c="dimmed">{w.description}</Text>}
                      <Channels channels={w.channels} />
                    </Stack>
                  </Group>
                </Radio.Card>
              );
            })}
          </Stack>
        </Radio.Group>
      </Stack>
    </InView>
  );
}

/** The workflow letters go out on, as saved (name and channels, no call). */
export function SavedWorkflow({ settings }: { settings: EasypostSettings }) {
  const { t } = useTranslation();
  if (!settings.workflow_id) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs" data-testid="easypost-workflow-saved">
        {t("easypost.workflowNone")}
      </Alert>
    );
  }
  return (
    <Stack gap={4} data-testid="easypost-workflow-saved">
      <Text size="sm" fw={500}>{t("easypost.workflowSaved")}</Text>
      <Group gap="sm">
        <Text size="sm" fw={600}>{settings.workflow_name || settings.workflow_id}</Text>
        <Channels channels={settings.workflow_channels} />
      </Group>
    </Stack>
  );
}
