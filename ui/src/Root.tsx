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
          {/* Bottom right, lifted above the Send bar (styles.css): top right covered the
              Jobs search and the inbox's Refresh, plain bottom right the Send button. */}
          <Notifications position="bottom-right" limit={4} />
          <App initialScreen={initialScreen} />
        </ModalsProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
