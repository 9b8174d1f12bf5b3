import { Box, Center, Loader } from "@mantine/core";
import { useEffect, useState } from "react";

import { wizardPending } from "./api";
import { useTranslation } from "react-i18next";

import { AppLayout, type Screen } from "./components/AppLayout";
import { OutboxPanel } from "./components/OutboxPanel";
import { StartProblem } from "./components/StartProblem";
import { useAppStatus } from "./hooks/useAppStatus";
import { useHotFolderNotices } from "./hooks/useHotFolderNotices";
import { usePeppolUnseen } from "./hooks/usePeppolUnseen";
import { InboxScreen } from "./screens/InboxScreen";
import { JobsScreen } from "./screens/JobsScreen";
import { PeppolInboxScreen } from "./screens/PeppolInboxScreen";
import { SendScreen } from "./screens/SendScreen";
import { SettingsScreen } from "./screens/SettingsScreen";
import { SetupScreen } from "./screens/SetupScreen";
import { SetupWizard } from "./screens/SetupWizard";

export function App({ initialScreen = "send" }: { initialScreen?: Screen }) {
  const { t } = useTranslation();
  const { status, error, setStatus } = useAppStatus();
  const [screen, setScreen] = useState<Screen>(initialScreen);
  const [wizard, setWizard] = useState(false);
  const easypost = status?.account.provider === "easypost";
  const peppol = usePeppolUnseen(easypost, status?.company.id);
  useHotFolderNotices();

  // The setup assistant opens by itself on a first start (until finished or closed).
  useEffect(() => {
    wizardPending()
      .then((pending) => pending && setWizard(true))
      .catch(() => undefined);
  }, []);

  // The inbox only exists in the sandbox.
  useEffect(() => {
    if (screen === "inbox" && status && status.environment !== "sandbox") setScreen("send");
    // The Peppol inbox only exists for an EasyPost company.
    if (screen === "peppol" && status && !easypost) setScreen("send");
  }, [screen, status, easypost]);

  if (!status) {
    return (
      <Center h="100vh" p="xl">
        {error ? (
          <StartProblem error={error} onOpened={setStatus} />
        ) : (
          <Loader aria-label={t("app.loading")} />
        )}
      </Center>
    );
  }

  return (
    <AppLayout status={status} screen={screen} onNavigate={setScreen} onStatus={setStatus} peppolUnseen={peppol.count}>
      <Box style={{ display: "flex", flexDirection: "column", height: "100%" }}>
      <OutboxPanel />
      <Box style={{ flex: 1, minHeight: 0 }}>
      {screen === "send" && <SendScreen status={status} onOpenJobs={() => setScreen("jobs")} />}
      {screen === "jobs" && <JobsScreen status={status} />}
      {/* Kept mounted: a password dialog stays open while the clerk looks up the PIN in the sandbox inbox. */}
      <div style={{ display: screen === "setup" ? "contents" : "none" }}>
        <SetupScreen status={status} onStatus={setStatus} onRunWizard={() => setWizard(true)} shown={screen === "setup"} />
      </div>
      {screen === "inbox" && <InboxScreen />}
      {screen === "peppol" && easypost && <PeppolInboxScreen key={status.company.id} onSeen={peppol.seen} />}
      {screen === "settings" && <SettingsScreen status={status} onRunWizard={() => setWizard(true)} />}
      </Box>
      </Box>
      <SetupWizard opened={wizard} status={status} onStatus={setStatus} onClose={() => setWizard(false)} onOpenJobs={() => setScreen("jobs")} />
    </AppLayout>
  );
}
