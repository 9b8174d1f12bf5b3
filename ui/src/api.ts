// The one door to the backend: typed wrappers around Tauri's IPC, its events, the
// drag-drop of files and the open-file dialog. Screens never call `invoke` themselves.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open } from "@tauri-apps/plugin-dialog";
import { sendNotification } from "@tauri-apps/plugin-notification";

import type { AddProgress } from "./bindings/AddProgress";
import type { AdminContact } from "./bindings/AdminContact";
import type { AppError } from "./bindings/AppError";
import type { AppStatus } from "./bindings/AppStatus";
import type { Delivery } from "./bindings/Delivery";
import type { EasypostReach } from "./bindings/EasypostReach";
import type { EasypostSecret } from "./bindings/EasypostSecret";
import type { EasypostSetup } from "./bindings/EasypostSetup";
import type { EasypostUsage } from "./bindings/EasypostUsage";
import type { EkopostSetup } from "./bindings/EkopostSetup";
import type { HotFolder } from "./bindings/HotFolder";
import type { HotFolderSettings } from "./bindings/HotFolderSettings";
import type { PostiReach } from "./bindings/PostiReach";
import type { PostiSetup } from "./bindings/PostiSetup";
import type { EpostSetup } from "./bindings/EpostSetup";
import type { InboxMessage } from "./bindings/InboxMessage";
import type { Letter } from "./bindings/Letter";
import type { HotFolderTook } from "./bindings/HotFolderTook";
import type { OutboxProgress } from "./bindings/OutboxProgress";
import type { PeppolListQuery } from "./bindings/PeppolListQuery";
import type { PeppolPage } from "./bindings/PeppolPage";
import type { LetterOverride } from "./bindings/LetterOverride";
import type { ProviderRules } from "./bindings/ProviderRules";
import type { RecoveryAction } from "./bindings/RecoveryAction";
import type { RecoveryInfo } from "./bindings/RecoveryInfo";
import type { SendReport } from "./bindings/SendReport";
import type { SendOn } from "./bindings/SendOn";
import type { PageRange, SplitPlan, SplitRule } from "./lib/split";

export type { UnlistenFn };

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).message === "string"
  );
}

/** Whatever was thrown, as an `AppError` (the backend sends them; anything else is wrapped). */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) {
    // The parameters too: the window words the error by its code and them (`lib/errors.ts`).
    return { code: error.code, message: error.message, details: error.details ?? null, ...(error.params ? { params: error.params } : {}) };
  }
  if (error instanceof Error) return { code: "ui.unexpected", message: error.message, details: error.stack ?? null };
  return { code: "ui.unexpected", message: String(error), details: null };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (error) {
    throw toAppError(error);
  }
}

export const appStatus = () => call<AppStatus>("app_status");
export const addFiles = (paths: string[]) => call<Letter[]>("add_files", { paths });
export const listDrafts = () => call<Letter[]>("list_drafts");
export const removeDraft = (id: number) => call<void>("remove_draft", { id });
/** Where the draft `id` (a merged PDF) would be cut into letters by `rule`; nothing is made. */
export const splitPreview = (id: number, rule: SplitRule) => call<SplitPlan>("split_preview", { id, rule });
/** Replaces the draft `id` by one draft per page range; returns them in page order. */
export const splitDraft = (id: number, ranges: PageRange[]) => call<Letter[]>("split_draft", { id, ranges });
/** The current company's zones and limits; `coverLetter`: for letters sent with (or without) a cover letter, default the company's. */
export const providerRules = (coverLetter?: boolean) =>
  call<ProviderRules>("provider_rules", coverLetter === undefined ? {} : { coverLetter });
/** Send with the duplicate guard: unless `allowDuplicate`, PDFs already in the outbox come back in `skipped`.
 * `overrides`: the pre-send dialog's answers per letter, stored before the guard runs.
 * `sendOn`: a later day (the letters wait in the outbox as scheduled until it begins); none: now. */
export const sendLettersChecked = (ids: number[], allowDuplicate: boolean, overrides?: LetterOverride[], sendOn?: SendOn | null) =>
  call<SendReport>("send_letters_checked", {
    ids,
    allowDuplicate,
    ...(overrides ? { overrides } : {}),
    ...(sendOn ? { sendOn } : {}),
  });
export const outboxProgress = () => call<OutboxProgress>("outbox_progress");
export const pauseOutbox = () => call<OutboxProgress>("pause_outbox");
export const resumeOutbox = () => call<OutboxProgress>("resume_outbox");
/** Returns how many letters were cancelled. */
export const cancelBatch = (id: number) => call<number>("cancel_batch", { id });
/** Start-up problems: open the data again, what a damaged database can be recovered from, the way out. */
export const reopenData = () => call<AppStatus>("reopen_data");
export const recoveryInfo = () => call<RecoveryInfo>("recovery_info");
export const recoverDatabase = (action: RecoveryAction) => call<AppStatus>("recover_database", { action });
export const listJobs = () => call<Letter[]>("list_jobs");
/** Opens the archived PDF of a job with the system's viewer; returns its path. */
export const openArchivedPdf = (id: number) => call<string>("open_archived_pdf", { id });
/** Fetches the provider's test result into the data folder and opens it; returns its path. */
export const openTestResult = (id: number) => call<string>("open_test_result", { id });
/** Cancels a letter at the provider (where `ProviderDescription.can_cancel`); the job changes by event too. */
export const cancelLetter = (id: number) => call<Letter>("cancel_letter", { id });
/** The letter's deliveries as the provider reports them now (where `ProviderDescription.deliveries`). */
export const letterDeliveries = (id: number) => call<Delivery[]>("letter_deliveries", { id });
/** Sends a final delivery again (printed, posted and charged again); the deliveries after it. */
export const resendDelivery = (id: number, deliveryId: string) => call<Delivery[]>("resend_delivery", { id, deliveryId });
/** Saves a delivery's file (proof of delivery, submission report) into the data folder and opens it; returns its path. */
export const openDeliveryFile = (id: number, deliveryId: string, reference: string) =>
  call<string>("open_delivery_file", { id, deliveryId, reference });
export const sandboxInbox = () => call<InboxMessage[]>("sandbox_inbox");
export const saveEpostSetup = (setup: EpostSetup) => call<AppStatus>("save_epost_setup", { setup });
export const epostRequestSms = () => call<void>("epost_request_sms");
/** The password goes in once; only "set / not set" ever comes back. */
export const epostSetPassword = (smsCode: string, newPassword: string) =>
  call<AppStatus>("epost_set_password", { smsCode, newPassword });
export const epostTestConnection = () => call<void>("epost_test_connection");
export const createCompany = (name: string) => call<AppStatus>("create_company", { name });
/** A company sending through Ekopost: in Postdesk's sandbox, or against Ekopost (its sandbox host first). */
export const createEkopostCompany = (name: string, inSandbox: boolean) => call<AppStatus>("create_ekopost_company", { name, inSandbox });
export const saveEkopostSetup = (setup: EkopostSetup) => call<AppStatus>("save_ekopost_setup", { setup });
/** The API key (or password) goes in once; only "set / not set" ever comes back. */
export const ekopostSetSecret = (secret: string) => call<AppStatus>("ekopost_set_secret", { secret });
export const testConnection = () => call<void>("test_connection");
/** A company with a Posti (OmaPosti Pro) key: the sandbox's, or the customer's own. */
export const createPostiCompany = (name: string, inSandbox: boolean) => call<AppStatus>("create_posti_company", { name, inSandbox });
export const savePostiSetup = (setup: PostiSetup) => call<AppStatus>("save_posti_setup", { setup });
/** The key goes to the keychain once; only "set / not set" comes back. */
export const postiSetKey = (key: string) => call<AppStatus>("posti_set_key", { key });
/** Which of the saved agreement ids the key reaches. */
export const postiTestConnection = () => call<PostiReach>("posti_test_connection");
/** A company sending through EasyPost Connect: in Postdesk's sandbox, or the customer's own account (development API first). */
export const createEasypostCompany = (name: string, inSandbox: boolean) => call<AppStatus>("create_easypost_company", { name, inSandbox });
/** The host, the production address, the picked workflow and the sending preferences. */
export const saveEasypostSetup = (setup: EasypostSetup) => call<AppStatus>("save_easypost_setup", { setup });
/** The key goes to the keychain once; only "set / not set" comes back. */
/** An EasyPost secret into the keychain: the API key (default), the OAuth2 client secret, or the
 *  client certificate's password (empty removes it). Only "set / not set" comes back. */
export const easypostSetKey = (key: string, which?: EasypostSecret) =>
  call<AppStatus>("easypost_set_key", which ? { key, which } : { key });
/** Is the service up, does the key work, and which workflows has the account (for the picker). */
export const easypostTestConnection = () => call<EasypostReach>("easypost_test_connection");
/** One page of the current EasyPost company's Peppol inbox (`query.after`: the page before's `next_after`). */
export const peppolDocuments = (query: PeppolListQuery) => call<PeppolPage>("peppol_documents", { query });
/** Saves a Peppol document (UBL XML) into the data folder and opens it; returns its path. */
export const openPeppolDocument = (senderId: string, id: string) => call<string>("open_peppol_document", { senderId, id });
/** Peppol documents that arrived since the inbox was last opened (at most 100: "99+"). */
export const peppolUnseen = () => call<number>("peppol_unseen");
/** The inbox is open: what arrived until now is seen. */
export const peppolMarkSeen = () => call<void>("peppol_mark_seen");
/** The current EasyPost company's usage of a month (`YYYY-MM`), per channel. */
export const easypostUsage = (month: string) => call<EasypostUsage>("easypost_usage", { month });
/** "Try again" after the keychain refused a new password the provider already took. */
export const keychainRetry = () => call<AppStatus>("keychain_retry");
export const switchCompany = (id: number) => call<AppStatus>("switch_company", { id });
export const copyCredentials = (fromCompanyId: number) => call<AppStatus>("copy_credentials", { fromCompanyId });
/** The admin contact as last confirmed through Postdesk (null fields: never changed here). */
export const epostAdminContact = () => call<AdminContact>("epost_admin_contact");
/** New e-mail: the code goes by SMS to the current mobile. */
export const epostEmailRequest = (newEmail: string) => call<void>("epost_email_request", { newEmail });
export const epostSetEmail = (newEmail: string, smsCode: string) => call<AdminContact>("epost_set_email", { newEmail, smsCode });
/** New mobile: the code goes by e-mail to the current address. */
export const epostMobileRequest = (newMobile: string) => call<void>("epost_mobile_request", { newMobile });
export const epostSetMobile = (newMobile: string, emailCode: string) => call<AdminContact>("epost_set_mobile", { newMobile, emailCode });
export const epostTestEmail = () => call<void>("epost_test_email");
export const epostTestMobile = () => call<void>("epost_test_mobile");
/** Whether the first-run setup assistant should open now. */
export const wizardPending = () => call<boolean>("wizard_pending");
export const wizardFinish = () => call<void>("wizard_finish");
/** A one-page sample letter to the current company, queued (sandbox or test mode only). */
export const wizardTestLetter = () => call<Letter>("wizard_test_letter");
/** Settings → Hot folders: the folders Postdesk takes PDFs from, with how each is doing. */
export const hotFolders = () => call<HotFolder[]>("hot_folders");
/** Adds a hot folder (`id` null) or changes one; the folder as it is now. */
export const hotFolderSave = (id: number | null, settings: HotFolderSettings) => call<HotFolder>("hot_folder_save", { id, settings });
/** Stops taking files from the folder; its files and its sent/ and needs-attention/ stay. */
export const hotFolderRemove = (id: number) => call<null>("hot_folder_remove", { id });
/** Start-up marker: the Send desk is painted and takes drops (logged by the shell). */
export const deskReady = () => call<void>("desk_ready");

/** Settings → About: version, build, pdfium and the bundled parts' licences (`commands/about.rs`). */
export interface About {
  version: string;
  commit: string | null;
  build_date: string | null;
  pdfium: string;
  licenses: { name: string; text: string }[];
  licenses_installed: string;
}
export const aboutPostdesk = () => call<About>("about_postdesk");
/** "Copy diagnostics": plain text, built and redacted in the core (no secret in it). */
export const diagnosticsReport = () => call<string>("diagnostics_report");

/** Page `page` (0-based) of a letter as PNG; returns a blob URL the caller must revoke. */
export async function renderPage(id: number, page: number, dpi: number): Promise<string> {
  const raw = await call<ArrayBuffer | Uint8Array | number[]>("render_page", { id, page, dpi });
  const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw instanceof Uint8Array ? raw : Uint8Array.from(raw);
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" }));
}

/** A desktop notification from the system; nothing where the desktop has no notification service. */
export function notifyDesktop(title: string, body: string): void {
  try {
    sendNotification({ title, body });
  } catch {
    /* no notification service (or outside Tauri): the in-window notification is enough */
  }
}

/** Asks for PDFs with the system dialog; an empty list when the clerk cancels. */
export async function pickPdfs(title: string): Promise<string[]> {
  try {
    const picked = await open({ title, multiple: true, directory: false, filters: [{ name: "PDF", extensions: ["pdf"] }] });
    if (picked === null) return [];
    return Array.isArray(picked) ? picked : [picked];
  } catch (error) {
    throw toAppError(error);
  }
}

/** The open-file dialog for EasyPost's client certificate (PKCS#12 or PEM); null when cancelled. */
export async function pickCertificate(title: string): Promise<string | null> {
  try {
    const picked = await open({
      title,
      multiple: false,
      directory: false,
      filters: [{ name: "PKCS#12 / PEM", extensions: ["p12", "pfx", "pem", "crt", "cer"] }],
    });
    return Array.isArray(picked) ? (picked[0] ?? null) : picked;
  } catch (error) {
    throw toAppError(error);
  }
}

/** The choose-folder dialog (a hot folder); null when cancelled. */
export async function pickFolder(title: string): Promise<string | null> {
  try {
    const picked = await open({ title, multiple: false, directory: true });
    return Array.isArray(picked) ? (picked[0] ?? null) : picked;
  } catch (error) {
    throw toAppError(error);
  }
}

export const onJobsChanged = (handler: (letter: Letter) => void): Promise<UnlistenFn> =>
  listen<Letter>("jobs-changed", (event) => handler(event.payload));

/** The outbox's batches moved on (throttled by the backend; a finished batch is reported once with `done`). */
export const onOutboxProgress = (handler: (progress: OutboxProgress) => void): Promise<UnlistenFn> =>
  listen<OutboxProgress>("outbox-progress", (event) => handler(event.payload));

/** `add_files` checked another file. */
export const onAddProgress = (handler: (progress: AddProgress) => void): Promise<UnlistenFn> =>
  listen<AddProgress>("add-progress", (event) => handler(event.payload));

/** A hot folder took files (once per folder and round of its watch). */
export const onHotFolderTook = (handler: (took: HotFolderTook) => void): Promise<UnlistenFn> =>
  listen<HotFolderTook>("hot-folder-took", (event) => handler(event.payload));
export const onDraftsChanged = (handler: () => void): Promise<UnlistenFn> => listen("drafts-changed", () => handler());

export type FileDrag = { type: "enter" | "over" | "leave" } | { type: "drop"; paths: string[] };

/** Files dragged over / dropped on the window; Tauri hands us their paths. */
export function onFileDrag(handler: (event: FileDrag) => void): Promise<UnlistenFn> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    handler(p.type === "drop" ? { type: "drop", paths: p.paths } : { type: p.type });
  });
}

/** Subscribes in an effect and unsubscribes on cleanup, even if cleanup runs before `listen` resolved. */
export function subscribe(start: () => Promise<UnlistenFn>): () => void {
  let unlisten: UnlistenFn | undefined;
  let cancelled = false;
  start()
    .then((fn) => {
      if (cancelled) fn();
      else unlisten = fn;
    })
    .catch(() => {
      /* outside Tauri (e.g. a plain browser) there are no events: nothing to undo */
    });
  return () => {
    cancelled = true;
    unlisten?.();
  };
}
