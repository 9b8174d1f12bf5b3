// Setup of a company with a Posti (OmaPosti Pro) key: what the key reaches,
// the guide to make it, the key (keychain only, pasted once), the agreement ids,
// and the connection test that says which of them the key reaches.
import { Accordion, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { postiSetKey, postiTestConnection, savePostiSetup } from "../../api";
import type { AppStatus } from "../../bindings/AppStatus";
import type { PostiReach } from "../../bindings/PostiReach";
import { ErrorNotice } from "../../components/ErrorNotice";
import { SecretModal } from "../../components/SecretModal";
import { useAttempt } from "../../hooks/useAttempt";
import { useFormFollowsStored } from "../../hooks/useSetupForm";
import { Masked, SaveResetButtons, Section, SetupPage } from "../../screens/SetupScreen";
import { PostiGuide, PostiReachResult, PostiScope } from "./PostiGuide";

/** The agreement ids as the clerk sees them: "612345, 612346". */
export const agreementText = (s: AppStatus) => ("posti" in s.account.settings ? s.account.settings.posti.agreement_ids.join(", ") : "");

/** The ids as typed, split at commas, semicolons and spaces (core checks each). */
export const splitIds = (text: string) => text.split(/[\s,;]+/).filter((x) => x !== "");

export function PostiSetupScreen({ status, onStatus, onRunWizard }: { status: AppStatus; onStatus: (s: AppStatus) => void; onRunWizard?: () => void }) {
  const { t } = useTranslation();
  const { account } = status;
  const inPostdeskSandbox = account.environment === "sandbox";
  const form = useForm({
    mode: "controlled",
    initialValues: { ids: agreementText(status) },
    validate: { ids: (x) => (splitIds(x).length ? null : t("posti.errors.agreementIds")) },
  });
  useFormFollowsStored(form, () => ({ ids: agreementText(status) }), status);
  const { busy, error, setError, attempt } = useAttempt();
  const [keyOpen, setKeyOpen] = useState(false);
  const [reach, setReach] = useState<PostiReach | null>(null);

  const save = form.onSubmit(({ ids }) =>
    attempt(async () => {
      onStatus(await savePostiSetup({ posti: { agreement_ids: splitIds(ids) }, prefs: account.prefs }));
      setReach(null);
      notifications.show({ color: "green", message: t("setup.saved") });
    }, "save"),
  );

  const check = () =>
    attempt(async () => {
      setReach(null);
      setReach(await postiTestConnection());
    }, "conn");

  return (
    <SetupPage
      status={status}
      intro={t("posti.intro")}
      environment={inPostdeskSandbox ? "sandbox" : "live"}
      sandboxCompany={inPostdeskSandbox}
      onRunWizard={onRunWizard}
      onStatus={onStatus}
      onSubmit={save}
      outside={
        <SecretModal
          opened={keyOpen}
          title={t("posti.setApiKey")}
          label={t("posti.apiKey")}
          help={t("posti.apiKeyHelp")}
          emptyError={t("posti.errors.apiKey")}
          savedMessage={t("posti.keySaved")}
          testId="posti-key"
          save={postiSetKey}
          onClose={() => setKeyOpen(false)}
          onDone={(s) => {
            setReach(null);
            onStatus(s);
          }}
        />
      }
    >
      <PostiScope />
      {error && <ErrorNotice error={error} onClose={() => setError(null)} />}

      <Section
        testId="posti-access"
        title={t("posti.fields")}
        hint={inPostdeskSandbox ? t("posti.sandboxNote") : t("posti.guideIntro")}
        actions={
          <>
            <Button variant="default" size="xs" onClick={() => setKeyOpen(true)} disabled={inPostdeskSandbox} data-testid="posti-set-key">
              {t("posti.setApiKey")}
            </Button>
            <Button variant="default" size="xs" loading={busy === "conn"} disabled={form.isDirty()} onClick={() => void check()} data-testid="setup-test-connection">
              {t("posti.test")}
            </Button>
          </>
        }
      >
        <Stack gap="md">
          <Group grow align="flex-start">
            <Masked label={t("posti.apiKey")} help={t("posti.apiKeyHelp")} set={account.has_secret} testId="posti-api-key" />
            <TextInput label={t("posti.agreementIds")} description={t("posti.agreementIdsHelp")} data-testid="posti-agreement-ids" {...form.getInputProps("ids")} />
          </Group>
          {reach && <PostiReachResult reach={reach} />}
          <SaveResetButtons dirty={form.isDirty()} onReset={() => form.reset()} saving={busy === "save"} />
        </Stack>
      </Section>

      <Accordion variant="contained" radius="md" defaultValue={account.has_secret ? null : "guide"}>
        <Accordion.Item value="guide">
          <Accordion.Control data-testid="posti-guide-toggle">
            <Text fw={600} size="sm">{t("posti.guideTitle")}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <PostiGuide />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </SetupPage>
  );
}
