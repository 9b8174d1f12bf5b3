// A fake backend for looking at the screens in a plain browser (`?mock`, `?mock=ready`,
// `?mock=empty`, `?mock=live`, `?mock=easypost`: an EasyPost company on the development API). Loaded only by main.tsx outside Tauri; never part of the app's path.
import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";

import type { Delivery } from "../bindings/Delivery";
import type { EasypostSetup } from "../bindings/EasypostSetup";
import type { HotFolder } from "../bindings/HotFolder";
import type { HotFolderSettings } from "../bindings/HotFolderSettings";
import type { Letter } from "../bindings/Letter";
import type { LetterOverride } from "../bindings/LetterOverride";
import type { LetterState } from "../bindings/LetterState";
import { epostSettings } from "../lib/account";
import type { PageRange, SplitPlan } from "../lib/split";
import { errorFinding, sampleEasypostReach, sampleEasypostStatus, sampleInbox, sampleLetter, sampleRules, sampleStatus, warningFinding } from "./sample";

const PROGRESS: LetterState[] = ["submitting", "submitted", "accepted", "released", "printing", "sent"];

/** `?mock=split`: a mail merge's 12 letters of 1–3 pages in one PDF (the second with an enclosure). */
const MERGED_ID = 60;
const MERGED: SplitPlan = (() => {
  const names = ["Erika Mustermann", "Hans Schmidt", "Anna Becker", "Peter Wagner", "Sabine Hoffmann", "Jürgen Schäfer", "Monika Koch", "Klaus Weber", "Petra Braun", "Uwe Richter", "Karin Wolf", "Stefan Neumann"];
  const cities: [string, string][] = [["53113", "Bonn"], ["50667", "Köln"], ["10115", "Berlin"], ["20095", "Hamburg"], ["80331", "München"], ["04109", "Leipzig"]];
  let first = 0;
  const letters = names.map((name, i) => {
    const pages = 1 + (i % 3) + (i === 1 ? 1 : 0);
    const [postal_code, city] = cities[i % cities.length]!;
    const l = { first_page: first, pages, address: { lines: [name, `Musterstraße ${i + 1}`, `${postal_code} ${city}`], postal_code, city, country: null } };
    first += pages;
    return l;
  });
  return { pages: first, letters };
})();

function mergedDraft(): Letter {
  const l = sampleLetter({ id: MERGED_ID, file_name: "Serienbrief März.pdf", pages: MERGED.pages, recipient: MERGED.letters[0]!.address!.lines });
  Object.assign(l.preflight, { letters_hint: MERGED.letters.length });
  return l;
}

function sampleDrafts(variant: string): Letter[] {
  if (variant === "empty") return [];
  if (variant === "split") return [mergedDraft(), sampleLetter({ id: 2, file_name: "Invoice-2025-0412.pdf", pages: 2, recipient: ["Müller Haustechnik GmbH", "Lindenallee 3", "50667 Köln"] })];
  const letters = [
    { ...sampleLetter({ id: 1, file_name: "Contract-Weber-2025.pdf", pages: 3, recipient: ["Weber Bau GmbH", "z. Hd. Frau Petra Weber", "Industriestraße 12", "70565 Stuttgart"], findings: [errorFinding] }), source_folder: "/mnt/fileserver/Buchhaltung/Rechnungen" },
    sampleLetter({ id: 2, file_name: "Invoice-2025-0412.pdf", pages: 2, recipient: ["Müller Haustechnik GmbH", "Lindenallee 3", "50667 Köln"] }),
    sampleLetter({ id: 3, file_name: "Reminder-Schmidt.pdf", recipient: ["Anna Schmidt", "Am Markt 7", "04109 Leipzig"], findings: [warningFinding] }),
    sampleLetter({ id: 4, file_name: "Offer-Becker-Q2.pdf", recipient: ["Becker & Söhne OHG", "Hafenweg 21", "20457 Hamburg"] }),
  ];
  return variant === "ready" || variant === "dialog" ? letters.slice(1) : letters;
}

function sampleJobs(): Letter[] {
  const job = (id: number, file: string, who: string[], state: LetterState, at: string, reg: string | null = null) => {
    const l = sampleLetter({ id, file_name: file, recipient: who, state, created_at: at, registered_number: reg, provider_id: state === "queued" ? null : `EP-${8810 + id}` });
    const steps = PROGRESS.slice(0, Math.max(0, PROGRESS.indexOf(state) + 1));
    l.history = [{ state: "queued", at, note: null }, ...steps.map((s, i) => ({ state: s, at: new Date(Date.parse(at) + (i + 1) * 60_000).toISOString(), note: null }))];
    if (state === "failed") {
      l.history = [{ state: "queued", at, note: null }, { state: "submitting", at, note: null }, { state: "failed", at, note: "E613" }];
      l.last_error = { code: "epost.E613", message: "The provider found no valid postal code in the address window.", details: "E613 Keine gültige Postleitzahl gefunden (HTTP 400)" };
    }
    return l;
  };
  const fromFolder = job(49, "Notice-Tenant-3B.pdf", ["Familie Yilmaz", "Gartenstraße 9", "60311 Frankfurt"], "sent", "2025-03-11T15:20:00Z", "RR 1234 5678 9DE");
  fromFolder.source_folder = "/mnt/fileserver/Hausverwaltung/Mieter/Ausgang Post";
  return [
    job(50, "Invoice-2025-0398.pdf", ["Hofmann Logistik AG", "Speicherstadt 4", "20457 Hamburg"], "printing", "2025-03-12T08:55:00Z"),
    fromFolder,
    job(48, "Reminder-Klein.pdf", ["Jonas Klein", "Bergweg 2"], "failed", "2025-03-11T11:02:00Z"),
    job(47, "Invoice-2025-0391.pdf", ["Stadtwerke Musterstadt", "Postfach 1100", "12345 Musterstadt"], "sent", "2025-03-10T10:15:00Z"),
    job(46, "Contract-Lehmann.pdf", ["Dr. Sabine Lehmann", "Rosenweg 14", "80331 München"], "accepted", "2025-03-10T09:40:00Z"),
  ];
}

/** A letter's deliveries as EasyPost reports them (the job drawer's section, `?mock=easypost`). */
function sampleDeliveries(letter: Letter): Delivery[] {
  const at = letter.created_at;
  const later = (min: number) => new Date(Date.parse(at) + min * 60_000).toISOString();
  const d = (over: Partial<Delivery> & { id: string }): Delivery => ({
    state: "sent", provider_status: "DELIVERED", channel: "POSTAL_MAIL", recipient: letter.recipient?.lines[0] ?? "", started_at: at, modified_at: later(1440),
    resend_of: null, can_resend: false, files: [], error_code: null, error_message: null, ...over,
  });
  if (letter.state === "sent") {
    return [
      d({ id: `sd_${letter.id}a`, channel: "EBOX", state: "failed", provider_status: "FAILED", modified_at: later(2), can_resend: true, error_code: "EBOX_NOT_REGISTERED", error_message: "The recipient has no eBox", files: [{ reference: "submission-report", kind: "submission_report" }] }),
      d({ id: `sd_${letter.id}b`, channel: "REGISTERED_MAIL", can_resend: true, files: [{ reference: "epod", kind: "proof_of_delivery" }, { reference: "submission-report", kind: "submission_report" }] }),
    ];
  }
  if (letter.state === "failed" || letter.state === "queued") return [];
  return [d({ id: `sd_${letter.id}a`, state: "printing", provider_status: "PROCESSING", modified_at: later(5) })];
}

/** An A4 letter at `dpi`, drawn on a canvas, as PNG bytes (what pdfium would render). */
async function drawPage(letter: Letter, page: number, dpi: number): Promise<ArrayBuffer> {
  const px = (mm: number) => (mm / 25.4) * dpi;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(px(210));
  canvas.height = Math.round(px(297));
  const g = canvas.getContext("2d")!;
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  const text = (s: string, xMm: number, yMm: number, sizePt: number, color = "#222", weight = "400") => {
    g.fillStyle = color;
    g.font = `${weight} ${(sizePt / 72) * dpi}px "Liberation Sans", Arial, sans-serif`;
    g.fillText(s, px(xMm), px(yMm));
  };
  const paragraph = (yMm: number, lines: number, widthMm = 165) => {
    g.fillStyle = "#c9ced6";
    for (let i = 0; i < lines; i++) {
      const w = i === lines - 1 ? widthMm * 0.55 : widthMm * (0.86 + ((i * 37) % 13) / 100);
      g.fillRect(px(25), px(yMm + i * 5.2), px(Math.min(w, widthMm)), px(1.6));
    }
  };

  if (page === 0) {
    // Letterhead: top right, and for the contract (error sample) a logo in the franking band.
    text("Sandbox GmbH", 140, 22, 16, "#1c4f8a", "700");
    text("Musterweg 1 · 10117 Berlin", 140, 28, 8, "#667");
    if (letter.preflight.findings.some((f) => f.zone === "franking")) {
      g.fillStyle = "#1c4f8a";
      g.fillRect(px(150), px(54), px(40), px(10));
      text("QUALITY SEAL", 153, 60.5, 8, "#fff", "700");
    }
    text("Sandbox GmbH · Musterweg 1 · 10117 Berlin", 25, 52, 6.5, "#555");
    (letter.recipient?.lines ?? []).forEach((l, i) => text(l, 25, 60 + i * 5, 10.5));
    text("Berlin, 12 March 2025", 150, 100, 10);
    text(letter.file_name.replace(/\.pdf$/i, "").replace(/-/g, " "), 25, 112, 12, "#111", "700");
    text("Dear Sir or Madam,", 25, 124, 10.5);
    paragraph(132, 7);
    paragraph(172, 6);
    paragraph(208, 4);
    text("Kind regards", 25, 236, 10.5);
    text("Sandbox GmbH", 25, 252, 10.5, "#111", "700");
  } else {
    text(`Page ${page + 1}`, 180, 15, 8, "#889");
    paragraph(30, 9);
    paragraph(82, 8);
    paragraph(130, 10);
    paragraph(188, 7);
  }
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), "image/png"));
  return blob.arrayBuffer();
}

export async function installMock(variant: string): Promise<void> {
  let status =
    variant === "easypost"
      ? sampleEasypostStatus({ workflow_id: "wf_reg", workflow_name: "eBox, else registered", workflow_channels: ["EBOX", "REGISTERED_MAIL"] }, true)
      : sampleStatus(variant === "live" ? { environment: "live", company: { id: 2, name: "Hansen & Partner KG", is_sandbox: false } } : {});
  if (variant === "live") status.account = { ...status.account, environment: "live" };
  // The pre-send dialog ("Show dialog" on), in test mode.
  if (variant === "dialog") {
    status.account.prefs = { ...status.account.prefs, show_dialog: true, test_mode: true };
    status.account.settings = { epost: { ...epostSettings(status.account), test_email: "test@sandbox.example" } };
  }
  let drafts = sampleDrafts(variant);
  const jobs = sampleJobs();
  // An EasyPost company's letters are its own, with deliveries.
  if (variant === "easypost") for (const j of jobs) Object.assign(j, { account_id: status.account.id, company_id: status.company.id });
  const deliveries = new Map<number, Delivery[]>();
  const deliveriesOf = (id: number) => {
    const l = jobs.find((j) => j.id === id);
    if (!l) throw { code: "not_found", message: `No letter ${id}.`, details: null };
    if (!deliveries.has(id)) deliveries.set(id, sampleDeliveries(l));
    return deliveries.get(id)!;
  };
  let nextId = 200;
  // Settings → Hot folders: one that works and one on a network drive that is not connected.
  let folders: HotFolder[] = [
    {
      id: 1,
      settings: { path: "/mnt/fileserver/Buchhaltung/Rechnungen", company_id: status.company.id, mode: "send", options: null, split: null, send_on: null, enabled: true },
      status: "watching",
      taken: 12,
      needs_attention: 1,
      last_taken_at: "2025-03-12T08:51:00Z",
    },
    {
      id: 2,
      settings: { path: "/mnt/fileserver/Hausverwaltung/Mieter/Ausgang Post/Serienbriefe Nebenkostenabrechnung 2025", company_id: status.company.id, mode: "desk", options: { ...status.account.defaults, color: true }, split: { by: "address" }, send_on: null, enabled: true },
      status: "missing",
      taken: 0,
      needs_attention: 0,
      last_taken_at: null,
    },
  ];
  let nextFolder = 3;

  const changed = (l: Letter) => void emit("jobs-changed", l);
  const advance = (l: Letter, step: number) => {
    const state = PROGRESS[step];
    if (!state) return;
    setTimeout(() => {
      const at = new Date().toISOString();
      Object.assign(l, { state, updated_at: at, history: [...l.history, { state, at, note: null }], provider_id: `EP-${9000 + l.id}` });
      changed({ ...l });
      advance(l, step + 1);
    }, 2500);
  };

  mockWindows("main");
  mockIPC(
    async (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      switch (cmd) {
        case "app_status":
          return status;
        case "provider_rules":
          return sampleRules();
        case "list_drafts":
          return drafts;
        case "list_jobs":
          return jobs;
        case "sandbox_inbox":
          return sampleInbox();
        case "remove_draft":
          drafts = drafts.filter((d) => d.id !== a.id);
          return null;
        case "render_page": {
          if (a.id === MERGED_ID) {
            // The merged PDF: each letter's first page with its own address.
            const starts = MERGED.letters.find((x) => x.first_page === a.page);
            const l = mergedDraft();
            return drawPage(starts ? { ...l, recipient: starts.address } : l, starts ? 0 : (a.page as number), a.dpi as number);
          }
          const l = [...drafts, ...jobs].find((d) => d.id === a.id);
          if (!l) throw { code: "letter.not_found", message: "This letter is no longer on the desk.", details: null };
          return drawPage(l, a.page as number, a.dpi as number);
        }
        case "split_preview": {
          const rule = a.rule as { by: string; pages?: number };
          if (rule.by !== "pages") return MERGED;
          const n = rule.pages ?? 1;
          return { pages: MERGED.pages, letters: Array.from({ length: Math.ceil(MERGED.pages / n) }, (_, i) => ({ first_page: i * n, pages: Math.min(n, MERGED.pages - i * n), address: MERGED.letters.find((x) => x.first_page === i * n)?.address ?? null })) };
        }
        case "split_draft": {
          const made = (a.ranges as PageRange[]).map((r) => {
            const address = MERGED.letters.find((x) => x.first_page === r.first_page)?.address ?? null;
            const l = sampleLetter({ id: nextId++, file_name: "Serienbrief März.pdf", pages: r.pages, recipient: address?.lines ?? null });
            return Object.assign(l, { split_from: r });
          });
          drafts = [...made, ...drafts.filter((d) => d.id !== a.id)];
          return made;
        }
        case "hot_folders":
          return folders;
        case "hot_folder_save": {
          const settings = a.settings as HotFolderSettings;
          if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(settings.path)) {
            throw { code: "hot_folder_not_absolute", message: "The folder needs its full path.", details: `path: ${JSON.stringify(settings.path)}`, params: { provider_messages: [] } };
          }
          const id = a.id as number | null;
          if (folders.some((f) => f.id !== id && f.settings.path === settings.path)) {
            throw { code: "hot_folder_duplicate", message: "This folder is already a hot folder.", details: null, params: { provider_messages: [] } };
          }
          const was = folders.find((f) => f.id === id);
          const saved: HotFolder = { id: was?.id ?? nextFolder++, settings, status: settings.enabled ? "watching" : "off", taken: was?.taken ?? 0, needs_attention: was?.needs_attention ?? 0, last_taken_at: was?.last_taken_at ?? null };
          folders = was ? folders.map((f) => (f.id === saved.id ? saved : f)) : [...folders, saved];
          return saved;
        }
        case "hot_folder_remove":
          folders = folders.filter((f) => f.id !== a.id);
          return null;
        case "plugin:dialog|open":
          if ((a.options as { directory?: boolean } | undefined)?.directory) return "/home/clerk/Scans/Outgoing";
          return ["/home/clerk/Letters/Offer-Becker-Q3.pdf", "/home/clerk/Letters/Invoice-2025-0413.pdf"];
        case "add_files": {
          const added = (a.paths as string[]).map((p) =>
            sampleLetter({ id: nextId++, file_name: p.split(/[\\/]/).pop() ?? p, recipient: ["Neue Kundin AG", "Ringstraße 1", "01067 Dresden"] }),
          );
          drafts = [...drafts, ...added];
          return added;
        }
        case "outbox_progress":
        case "pause_outbox":
        case "resume_outbox":
          return { paused: cmd === "pause_outbox", batches: [] };
        case "send_letters_checked": {
          const ids = a.ids as number[];
          const overrides = (a.overrides ?? []) as LetterOverride[];
          const now = new Date().toISOString();
          const sent = drafts
            .filter((d) => ids.includes(d.id))
            .map((d) => {
              const o = overrides.find((x) => x.id === d.id);
              return o ? { ...d, options: o.options, recipient: o.recipient ?? d.recipient, cost_center: o.cost_center, reference: o.reference } : d;
            })
            .map((d) => ({ ...d, state: "queued" as const, test_mode: status.account.prefs.test_mode, archived: status.account.prefs.save_file_in_joblist, created_at: now, updated_at: now, history: [{ state: "queued" as const, at: now, note: null }] }));
          drafts = drafts.filter((d) => !ids.includes(d.id));
          jobs.unshift(...sent);
          setTimeout(() => {
            void emit("drafts-changed", null);
            sent.forEach((l) => {
              changed(l);
              advance(l, 0);
            });
          }, 50);
          return { queued: sent, skipped: [] };
        }
        case "wizard_pending":
          return variant === "wizard";
        case "wizard_finish":
        case "epost_email_request":
        case "epost_mobile_request":
        case "epost_test_email":
        case "epost_test_mobile":
          return null;
        case "epost_admin_contact":
          return { email: null, mobile: null, changed_at: null };
        case "about_postdesk":
          return { version: "0.1.0", commit: "dev", build_date: null, pdfium: "pdfium (dev mock)", licenses: [{ name: "pdfium.txt", text: "BSD-3-Clause" }], licenses_installed: "/usr/share/doc/postdesk/THIRD-PARTY-LICENSES.txt" };
        case "diagnostics_report":
          return "Postdesk diagnostics (dev mock)\n";
        case "epost_set_email":
        case "epost_set_mobile": {
          const code = String(a.smsCode ?? a.emailCode ?? "");
          if (code !== "123456") throw { code: "contact_code_wrong", message: "The code is not correct.", details: "E012 the code is wrong (HTTP 400)" };
          return { email: (a.newEmail as string) ?? null, mobile: (a.newMobile as string) ?? null, changed_at: new Date().toISOString() };
        }
        case "save_epost_setup":
          return status;
        case "save_easypost_setup": {
          const setup = a.setup as EasypostSetup;
          status = { ...status, account: { ...status.account, settings: { easypost: setup.easypost }, prefs: setup.prefs } };
          return status;
        }
        case "easypost_set_key": {
          const which = ((a.which as string | undefined) ?? "api_key") as "api_key" | "client_secret" | "certificate_password";
          const was = status.account.easypost_secrets ?? { api_key: status.account.has_secret, client_secret: false, certificate_password: false };
          const set = a.key !== "";
          status = { ...status, account: { ...status.account, has_secret: true, easypost_secrets: { ...was, [which]: set } } };
          return status;
        }
        case "create_easypost_company":
          status = sampleEasypostStatus({}, false);
          status = { ...status, company: { ...status.company, name: a.name as string } };
          return status;
        case "easypost_test_connection":
          return sampleEasypostReach();
        case "wizard_test_letter": {
          const now = new Date().toISOString();
          const l = sampleLetter({ id: nextId++, file_name: "Postdesk-test-letter.pdf", recipient: ["Sandbox", "Musterstraße 1", "53113 Bonn"], state: "queued", created_at: now });
          jobs.unshift(l);
          setTimeout(() => advance(l, 0), 50);
          return l;
        }
        case "open_archived_pdf":
          return `/home/clerk/.local/share/postdesk/archive/${"0".repeat(64)}.pdf`;
        case "open_test_result":
          return `/home/clerk/.local/share/postdesk/test-results/${a.id as number}.pdf`;
        case "letter_deliveries":
          return deliveriesOf(a.id as number);
        case "resend_delivery": {
          const list = deliveriesOf(a.id as number).map((x) => (x.id === a.deliveryId ? { ...x, can_resend: false } : x));
          const of = list.find((x) => x.id === a.deliveryId)!;
          const now = new Date().toISOString();
          list.push({ ...of, id: `${of.id}r`, state: "submitted", provider_status: "CREATED", started_at: now, modified_at: now, resend_of: of.id, can_resend: false, files: [], error_code: null, error_message: null });
          deliveries.set(a.id as number, list);
          return list;
        }
        case "open_delivery_file":
          return `/home/clerk/.local/share/postdesk/deliveries/${a.id as number}-${String(a.deliveryId)}-${String(a.reference)}.pdf`;
        case "peppol_unseen":
          return 2;
        case "peppol_mark_seen":
          return null;
        case "peppol_documents": {
          const senders = [["0208:0403170701", "Proximus NV"], ["0208:0202239951", "Engie Electrabel NV"], ["0208:0476425085", "Bureau Janssens BV"]];
          const items = Array.from({ length: 6 }, (_, i) => {
            const at = new Date(Date.now() - (i * 53 + 2) * 3_600_000).toISOString();
            const [peppolSenderId, peppolSenderName] = senders[i % senders.length]!;
            return { id: `pd_mock${i}`, senderId: peppolSenderId!, senderName: peppolSenderName!, documentType: i === 4 ? "CREDIT_NOTE" : "INVOICE", documentNumber: `${i === 4 ? "CN" : "INV"}-2026-${4711 - i}`, createdAt: at, lastModifiedAt: at };
          });
          return { items, next_after: null };
        }
        case "open_peppol_document":
          return `/home/clerk/.local/share/postdesk/peppol/${String(a.senderId).replace(":", "_")}_${String(a.id)}.xml`;
        case "easypost_usage":
          return { from: `${String(a.month)}-01`, until: `${String(a.month)}-31`, items: [{ channel: "POSTAL_MAIL", sendings: 41, pages: 97, amountCents: 5059 }, { channel: "EBOX", sendings: 12, pages: 12, amountCents: 360 }] };
        default:
          throw { code: "mock.unknown_command", message: `The preview has no fake for “${cmd}”.`, details: JSON.stringify(args) };
      }
    },
    { shouldMockEvents: true },
  );
}
