import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

import { notifyDesktop, onHotFolderTook, subscribe } from "../api";
import type { HotFolderTook } from "../bindings/HotFolderTook";
import { folderName } from "../lib/hotFolders";

/**
 * Tells the clerk when a hot folder took files (the watch runs in the
 * background): "Hot folder Scans — 2 files sent · 1 file waits on the desk", in
 * the window and as a desktop notification.
 */
export function useHotFolderNotices() {
  const { t } = useTranslation();
  useEffect(
    () =>
      subscribe(() =>
        onHotFolderTook((took: HotFolderTook) => {
          const title = t("hotFolders.tookTitle", { name: folderName(took.folder) });
          const parts = [
            took.sent_files > 0 ? t("hotFolders.tookSent", { count: took.sent_files }) : null,
            took.attention_files > 0 ? t("hotFolders.tookDesk", { count: took.attention_files }) : null,
          ].filter((p): p is string => p !== null);
          const message = parts.join(" · ");
          notifications.show({
            color: took.attention_files > 0 ? "orange" : "green",
            title: <span data-testid="hot-folder-took-title">{title}</span>,
            message: <span data-testid="hot-folder-took-message">{message}</span>,
            autoClose: 8000,
          });
          notifyDesktop(title, message);
        }),
      ),
    [t],
  );
}
