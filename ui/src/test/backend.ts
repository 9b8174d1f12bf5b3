import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";

import type { AppStatus } from "../bindings/AppStatus";
import type { EasypostSetup } from "../bindings/EasypostSetup";

export type Call = { cmd: string; args: Record<string, unknown> };

/**
 * A backend for the whole app in a test: every call is kept in `calls`; `app.current` is the
 * status (what `app_status` answers, changed by the commands as the core would), `wizard_pending`
 * answers `pending`, the letter lists are empty, and EasyPost's save and key change the status as
 * the core does. `answer` answers the test's own commands (nothing: null).
 */
export function appBackend(
  { status, pending }: { status: AppStatus; pending: boolean },
  answer: (cmd: string, a: Record<string, unknown>, app: { current: AppStatus }) => unknown,
) {
  const calls: Call[] = [];
  const app = { current: status };
  mockWindows("main");
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: a });
      switch (cmd) {
        case "app_status":
          return app.current;
        case "wizard_pending":
          return pending;
        case "list_drafts":
        case "list_jobs":
          return [];
        case "save_easypost_setup": {
          const setup = a.setup as EasypostSetup;
          app.current = { ...app.current, account: { ...app.current.account, settings: { easypost: setup.easypost }, prefs: setup.prefs } };
          return app.current;
        }
        case "easypost_set_key": {
          const which = (a.which as string | undefined) ?? "api_key";
          const was = app.current.account.easypost_secrets ?? { api_key: false, client_secret: false, certificate_password: false };
          app.current = { ...app.current, account: { ...app.current.account, has_secret: true, easypost_secrets: { ...was, [which]: a.key !== "" } } };
          return app.current;
        }
        default:
          return answer(cmd, a, app) ?? null;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls, app };
}
