import { Anchor, Button, Code, Collapse, Group, Paper, ScrollArea, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { aboutPostdesk, diagnosticsReport, toAppError, type About } from "../api";
import type { AppError } from "../bindings/AppError";
import { ErrorNotice } from "../components/ErrorNotice";

/**
 * Puts text that is still on its way on the clipboard. WebKit lets a page write
 * the clipboard only while it handles the click, which is over once the report
 * comes back from the core, so it gets a ClipboardItem holding the promise right
 * away; elsewhere (and should that be refused) the text is written when it is there.
 */
async function copyText(text: Promise<string>): Promise<void> {
  if (typeof ClipboardItem !== "undefined" && typeof navigator.clipboard?.write === "function") {
    try {
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": text.then((t) => new Blob([t], { type: "text/plain" })) })]);
      return;
    } catch {
      // fall through: the report's error surfaces below, or writeText is tried
    }
  }
  await navigator.clipboard.writeText(await text);
}

/** Settings → About Postdesk: version and build, pdfium, the bundled parts' licences, Copy diagnostics. */
export function AboutSection() {
  const { t } = useTranslation();
  const [about, setAbout] = useState<About | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [licensesOpen, { toggle }] = useDisclosure(false);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  useEffect(() => {
    let live = true;
    aboutPostdesk()
      .then((a) => live && setAbout(a))
      .catch((e: unknown) => live && setError(toAppError(e)));
    return () => {
      live = false;
    };
  }, []);

  const copyDiagnostics = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    const report = diagnosticsReport();
    try {
      await copyText(report);
      setCopied(true);
    } catch (e) {
      // The report's own error (an AppError) rather than the clipboard's.
      setError(toAppError(await report.then(() => e, (reportError: unknown) => reportError)));
    } finally {
      setBusy(false);
    }
  };

  const build = about && (about.commit || about.build_date) ? [about.commit, about.build_date].filter(Boolean).join(" · ") : t("about.buildUnknown");

  return (
    <Paper withBorder radius="md" p="lg" data-testid="settings-about">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("about.title")}
        </Title>
        {about ? (
          <Table variant="vertical" withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140} fw={500} c="dimmed" bg="transparent" style={{ verticalAlign: "top" }}>
                  {t("about.version")}
                </Table.Th>
                <Table.Td data-testid="about-version">{about.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th fw={500} c="dimmed" bg="transparent" style={{ verticalAlign: "top" }}>
                  {t("about.build")}
                </Table.Th>
                <Table.Td data-testid="about-build">{build}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th fw={500} c="dimmed" bg="transparent" style={{ verticalAlign: "top" }}>
                  {t("about.pdfium")}
                </Table.Th>
                <Table.Td>{about.pdfium}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : (
          !error && <Skeleton h={64} />
        )}
        {about && (
          <Stack gap={4}>
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {t("about.licenses")}
              </Text>
              <Anchor component="button" type="button" size="sm" onClick={toggle} aria-expanded={licensesOpen} data-testid="about-show-licenses">
                {licensesOpen ? t("about.hideLicenses") : t("about.showLicenses")}
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed">
              {t("about.licensesHint", { path: about.licenses_installed })}
            </Text>
            <Collapse in={licensesOpen}>
              <ScrollArea.Autosize mah={260} type="auto" mt={4}>
                <Code block data-testid="about-licenses" style={{ whiteSpace: "pre-wrap" }}>
                  {about.licenses.map((l, i) => (i === 0 ? l.text.trimEnd() : `===== ${l.name} =====\n\n${l.text.trimEnd()}`)).join("\n\n")}
                </Code>
              </ScrollArea.Autosize>
            </Collapse>
          </Stack>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("about.diagnostics")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("about.diagnosticsHint")}
          </Text>
          <Button
            variant="default"
            w="fit-content"
            mt={4}
            loading={busy}
            onClick={() => void copyDiagnostics()}
            data-testid="about-copy-diagnostics"
            leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          >
            {copied ? t("about.diagnosticsCopied") : t("about.copyDiagnostics")}
          </Button>
        </Stack>
        {error && <ErrorNotice error={error} onClose={() => setError(null)} />}
      </Stack>
    </Paper>
  );
}
