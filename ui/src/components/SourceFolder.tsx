import { Group, Text } from "@mantine/core";
import { IconFolder } from "@tabler/icons-react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";

import { folderName } from "../lib/hotFolders";

/** "From hot folder Invoices", dimmed, with the full path as its title: where a hot folder's letter came from. */
export function SourceFolder({ path, testId }: { path: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" c="dimmed">
      <IconFolder size={12} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="xs" c="dimmed" truncate="end" title={path} data-testid={testId}>
        {t("hotFolders.from", { name: folderName(path) })}
      </Text>
    </Group>
  );
}

/** A long path that wraps after its separators ("/", "\\"), never inside a folder's name when it can help it. */
export function WrappingPath({ path }: { path: string }) {
  const parts = path.split(/(?<=[\\/])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
