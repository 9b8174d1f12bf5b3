import { MantineProvider } from "@mantine/core";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { I18nextProvider } from "react-i18next";

import { App } from "./App";
import type { Screen } from "./components/AppLayout";
import i18n from "./i18n";
import { theme } from "./theme";

/** Everything the app needs around it; tests render this too. */
export function Root({ initialScreen }: { initialScreen?: Screen }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <ModalsProvider>
          {/* Top right: at the bottom right they covered the Send button. */}
          <Notifications position="top-right" limit={4} />
          <App initialScreen={initialScreen} />
        </ModalsProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
