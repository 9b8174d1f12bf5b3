import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect } from "vitest";

import type { AppStatus } from "../bindings/AppStatus";
import type { Letter } from "../bindings/Letter";
import { sampleRules } from "../dev/sample";
import { renderApp } from "./render";

/**
 * The Send screen with one dropped letter and the pre-send dialog open: a backend that
 * answers with `status`, adds `letter` for the drop at `path` and records what
 * `send_letters_checked` got in `sent` (answering with `queued(args)`), then the app on
 * Send, the drop once the screen listens, and a press on Send.
 */
export async function openSendDialog<A>({ status, letter, path, queued }: { status: AppStatus; letter: Letter; path: string; queued: (args: A) => Letter }) {
  let drafts: Letter[] = [];
  const sent: A[] = [];
  mockWindows("main");
  let listening = false;
  mockIPC(
    (cmd, args) => {
      if (cmd === "plugin:event|listen" || cmd === "list_drafts") listening = true;
      switch (cmd) {
        case "app_status":
          return status;
        case "provider_rules":
          return sampleRules();
        case "list_drafts":
          return drafts;
        case "add_files":
          drafts = [letter];
          return drafts;
        case "render_page":
          return new Uint8Array([137, 80, 78, 71]).buffer;
        case "send_letters_checked": {
          const a = args as A;
          sent.push(a);
          drafts = [];
          return { queued: [queued(a)], skipped: [] };
        }
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  renderApp("send");
  await screen.findByTestId("dropzone");
  await waitFor(() => expect(listening).toBe(true));
  await act(async () => {
    await emit("tauri://drag-enter", { paths: [path], position: { x: 10, y: 10 } });
    await emit("tauri://drag-drop", { paths: [path], position: { x: 10, y: 10 } });
  });
  await userEvent.click(await screen.findByTestId("send-button", {}, { timeout: 5000 }));
  const dialog = await screen.findByRole("dialog");
  return { dialog, sent };
}
