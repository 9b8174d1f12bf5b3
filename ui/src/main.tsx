import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import type { Screen } from "./components/AppLayout";
import { Root } from "./Root";

async function start() {
  const params = new URLSearchParams(window.location.search);
  // `?mock` fakes the backend for looking at the screens in a plain browser. It can
  // never switch on inside the app: there Tauri's IPC is always present.
  if (params.has("mock") && !("__TAURI_INTERNALS__" in window)) {
    const { installMock } = await import("./dev/mock");
    await installMock(params.get("mock") || "default");
  }
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <Root initialScreen={(params.get("screen") as Screen | null) ?? undefined} />
    </StrictMode>,
  );
}

void start();
