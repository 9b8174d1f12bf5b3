import { Accordion, Alert, Badge, Button, Group, Modal, Paper, ScrollArea, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconSend } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import type { AppStatus } from "../../bindings/AppStatus";
import type { Letter } from "../../bindings/Letter";
import type { LetterOverride } from "../../bindings/LetterOverride";
import type { Postage } from "../../bindings/Postage";
import type { RegisteredLetter } from "../../bindings/RegisteredLetter";
import type { SendOn } from "../../bindings/SendOn";
import { formatDay, sendOnBounds, sendOnFor } from "../../lib/sendOn";
import {
  addressForm,
  addressProblems,
  countriesFor,
  costCenterProblem,
  formProblems,
  initialForm,
  optionProblems,
  referenceProblem,
  toOverrides,
  type AddressForm,
  type DialogForm,
  type Problem,
} from "../../lib/sendDialog";

/** The country's name in the clerk's language ("" = the provider's home country). */
export function countryName(code: string, lang: string, home = "DE"): string {
  const c = code === "" ? home : code;
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(c) ?? c;
  } catch {
    return c;
  }
}

/**
 * The pre-send dialog ("Show dialog" in Setup): the options for this letter, or
 * for the whole batch at once, pre-filled from the company's defaults; each
 * recipient as read from the PDF, to confirm or correct; cost centre and reference.
 */
export function SendDialog({
  opened,
  letters,
  status,
  onClose,
  onSend,
}: {
  opened: boolean;
  letters: Letter[];
  status: AppStatus;
  onClose: () => void;
  /** `sendOn`: a later day chosen under "Send on"; null: now. */
  onSend: (overrides: LetterOverride[], sendOn: SendOn | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const d = status.provider;
  const home = d.home_country;
  const REGISTERED: RegisteredLetter[] = ["none", ...d.registered];
  const [form, setForm] = useState<DialogForm>(() => initialForm(d, letters, status.account.defaults));
  // "Send on": today (= now) unless the clerk picks a later day, at most a year ahead.
  const [bounds, setBounds] = useState(() => sendOnBounds(new Date()));
  const [day, setDay] = useState(bounds.min);
  // A fresh form each time the dialog opens (the letters or defaults may have changed).
  useEffect(() => {
    if (opened) {
      const b = sendOnBounds(new Date());
      setBounds(b);
      setDay(b.min);
    }
    if (opened) setForm(initialForm(d, letters, status.account.defaults));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const msg = (p: Problem | null | undefined) => {
    if (!p) return undefined;
    const country = p.values?.country;
    const values = country ? { ...p.values, country: countryName(String(country), i18n.language, home) } : p.values;
    return t(`dialog.errors.${p.key}`, values);
  };
  const o = form.options;
  const setOption = <K extends keyof typeof o>(k: K, v: (typeof o)[K]) => setForm((f) => ({ ...f, options: { ...f.options, [k]: v } }));
  const setAddress = (id: number, patch: Partial<AddressForm>) =>
    setForm((f) => ({ ...f, addresses: { ...f.addresses, [id]: { ...f.addresses[id]!, ...patch } } }));

  const optionErr = optionProblems(d, o, form, letters);
  const problems = useMemo(() => formProblems(d, form, letters), [d, form, letters]);
  const sendOn = sendOnFor(day, new Date());
  // Typed by hand past the picker's bounds (or not a day): said, and Send waits.
  const dayProblem = day !== "" && day !== bounds.min && sendOn === null ? t("errorCodes.send_on_out_of_range") : null;
  const later = sendOn ? formatDay(sendOn.date) : null;
  const countries = useMemo(
    () =>
      countriesFor(d).map((c) => ({
        value: c === "" ? home : c,
        label: c === "" ? t("dialog.domestic", { country: countryName("", i18n.language, home) }) : countryName(c, i18n.language),
      })),
    [d, home, i18n.language, t],
  );
  const many = letters.length > 1;
  // The form is made when the dialog opens; the closed dialog still renders for the
  // desk's letters of now (a split replaces one draft by many): read those from the PDF.
  const addressOf = (l: Letter) => form.addresses[l.id] ?? addressForm(d, l);
  const live = status.environment === "live";

  const addressEditor = (l: Letter) => {
    const a = addressOf(l);
    const p = addressProblems(d, a);
    return (
      <Stack gap="xs" data-testid="dialog-address" data-letter-id={l.id}>
        <Textarea
          label={t("dialog.addressLines")}
          description={t("dialog.addressLinesHelp")}
          autosize
          minRows={2}
          maxRows={5}
          value={a.lines}
          onChange={(e) => setAddress(l.id, { lines: e.currentTarget.value })}
          error={msg(p.lines)}
          data-testid="dialog-address-lines"
        />
        <Group grow align="flex-start" gap="xs">
          <TextInput
            label={t("dialog.postalCode")}
            value={a.postal_code}
            onChange={(e) => setAddress(l.id, { postal_code: e.currentTarget.value })}
            error={msg(p.postal_code)}
            data-testid="dialog-postal-code"
            maw={130}
          />
          <TextInput
            label={t("dialog.city")}
            value={a.city}
            onChange={(e) => setAddress(l.id, { city: e.currentTarget.value })}
            error={msg(p.city)}
            data-testid="dialog-city"
          />
          <Select
            label={t("dialog.country")}
            data={countries}
            value={a.country === "" ? home : a.country}
            onChange={(v) => setAddress(l.id, { country: !v || v === home ? "" : v })}
            allowDeselect={false}
            searchable
            data-testid="dialog-country"
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
      </Stack>
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={<Title order={2} size="h4">{t("dialog.title", { count: letters.length })}</Title>}
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="send-dialog"
      scrollAreaComponent={ScrollArea.Autosize}
      styles={{ body: { paddingBottom: 0 } }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t("send.confirmIntro", { count: letters.length, provider: t(`provider.${status.account.provider}`), env: t(`env.${status.environment}`) })}{" "}
          {status.account.prefs.test_mode && t("dialog.testModeNote")}
          {later && (
            <Text span fw={600} data-testid="dialog-scheduled-note">
              {" "}
              {t("schedule.scheduledNote", { date: later, count: letters.length })}
            </Text>
          )}
        </Text>
        {live && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} p="xs">
            {t("send.confirmLive")}
          </Alert>
        )}

        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3} size="h5">
                {many ? t("dialog.optionsAll", { count: letters.length }) : t("dialog.optionsOne")}
              </Title>
              <Text size="xs" c="dimmed">
                {t("dialog.prefilled")}
              </Text>
            </Group>
            <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
              <Switch
                label={t("setup.coverLetter")}
                description={
                  letters.some((l) => l.preflight.checked_with_cover_letter && !o.cover_letter)
                    ? t("dialog.coverOffRecheck")
                    : t("dialog.coverHelp")
                }
                checked={o.cover_letter}
                onChange={(e) => setOption("cover_letter", e.currentTarget.checked)}
                data-testid="dialog-cover"
              />
              <Switch
                label={t("setup.color")}
                description={t("dialog.colorHelp")}
                checked={o.color}
                onChange={(e) => setOption("color", e.currentTarget.checked)}
                data-testid="dialog-color"
              />
              <Switch
                label={t("setup.duplex")}
                description={o.registered !== "none" && !d.registered_with_duplex ? t("setup.duplexBlocked") : t("dialog.duplexHelp")}
                checked={o.duplex}
                disabled={o.registered !== "none" && !o.duplex && !d.registered_with_duplex}
                onChange={(e) => setOption("duplex", e.currentTarget.checked)}
                data-testid="dialog-duplex"
              />
              <Select
                label={t("setup.registered")}
                description={d.registered_line_max ? t("ekopost.registeredHelp", { max: d.registered_line_max }) : t("dialog.registeredHelp")}
                data={REGISTERED.map((r) => ({ value: r, label: t(`registered.${r}`), disabled: r !== "none" && o.duplex && !d.registered_with_duplex }))}
                value={o.registered}
                onChange={(v) => v && setOption("registered", v as RegisteredLetter)}
                allowDeselect={false}
                error={msg(optionErr.registered)}
                data-testid="dialog-registered"
                comboboxProps={{ withinPortal: true }}
              />
              {d.postage.length > 0 && (
                <Select
                  label={t("postage.label")}
                  description={t("postage.help")}
                  data={d.postage.map((p) => ({ value: p, label: t(`postage.${p}`) }))}
                  value={o.postage === "standard" ? d.postage[0] : o.postage}
                  onChange={(v) => v && setOption("postage", v as Postage)}
                  allowDeselect={false}
                  data-testid="dialog-postage"
                  comboboxProps={{ withinPortal: true }}
                />
              )}
              <TextInput
                label={t("dialog.costCenter")}
                description={status.account.provider === "ekopost" ? t("ekopost.costCenterHelp") : t("dialog.costCenterHelp")}
                value={form.cost_center}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setForm((f) => ({ ...f, cost_center: v }));
                }}
                error={msg(costCenterProblem(d, form.cost_center))}
                data-testid="dialog-cost-center"
              />
              <TextInput
                label={t("dialog.reference")}
                description={t("dialog.referenceHelp")}
                value={form.reference}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setForm((f) => ({ ...f, reference: v }));
                }}
                error={msg(referenceProblem(d, form.reference))}
                data-testid="dialog-reference"
              />
              <TextInput
                type="date"
                label={t("schedule.sendOn")}
                description={t("schedule.sendOnHelp")}
                value={day}
                min={bounds.min}
                max={bounds.max}
                onChange={(e) => setDay(e.currentTarget.value)}
                error={dayProblem}
                data-testid="dialog-send-on"
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Stack gap="xs">
          <Title order={3} size="h5">
            {many ? t("dialog.recipients", { count: letters.length }) : t("dialog.recipient")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("dialog.recipientHelp")}
          </Text>
          {many ? (
            <Accordion variant="separated" radius="md" chevronPosition="left">
              {letters.map((l) => {
                const a = addressOf(l);
                const bad = Object.keys(addressProblems(d, a)).length > 0;
                return (
                  <Accordion.Item key={l.id} value={String(l.id)}>
                    <Accordion.Control aria-label={t("dialog.editAddress", { file: l.file_name })}>
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <Text size="sm" fw={500} truncate="end">
                          {l.file_name}
                        </Text>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" c="dimmed" truncate="end" maw={300}>
                            {[a.lines.split("\n")[0], `${a.postal_code} ${a.city}`.trim(), a.country ? countryName(a.country, i18n.language) : null]
                              .filter(Boolean)
                              .join(", ")}
                          </Text>
                          {bad && (
                            <Badge color="red" variant="light" size="sm">
                              {t("dialog.check")}
                            </Badge>
                          )}
                        </Group>
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>{addressEditor(l)}</Accordion.Panel>
                  </Accordion.Item>
                );
              })}
            </Accordion>
          ) : (
            letters[0] && (
              <Paper withBorder radius="md" p="md">
                <Text size="sm" fw={500} mb="xs">
                  {letters[0].file_name}
                </Text>
                {addressEditor(letters[0])}
              </Paper>
            )
          )}
        </Stack>

        <Group
          justify="space-between"
          wrap="nowrap"
          gap="md"
          py="sm"
          // Always in view: the modal body scrolls under it.
          style={{ position: "sticky", bottom: 0, background: "var(--mantine-color-body)", borderTop: "1px solid var(--mantine-color-default-border)", zIndex: 2 }}
        >
          <Text size="sm" c="var(--mantine-color-red-text)" data-testid="dialog-problem" style={{ minWidth: 0 }} aria-live="polite">
            {problems[0] ? msg(problems[0]) : (dayProblem ?? "")}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={onClose} data-testid="dialog-cancel">
              {t("common.cancel")}
            </Button>
            <Button
              leftSection={<IconSend size={16} />}
              color={live ? "red" : undefined}
              disabled={problems.length > 0 || dayProblem !== null}
              onClick={() => onSend(toOverrides(d, form, letters), sendOnFor(day, new Date()))}
              data-testid="dialog-send"
            >
              {later ? t("schedule.scheduleFor", { date: later }) : t("send.sendN", { count: letters.length })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
