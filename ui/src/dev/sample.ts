// Sample data shaped exactly like the backend's, for the `?mock` preview mode and tests.
import type { AppStatus } from "../bindings/AppStatus";
import type { EasypostReach } from "../bindings/EasypostReach";
import type { EasypostSettings } from "../bindings/EasypostSettings";
import type { Finding } from "../bindings/Finding";
import type { InboxMessage } from "../bindings/InboxMessage";
import type { Letter } from "../bindings/Letter";
import type { LetterState } from "../bindings/LetterState";
import type { ProviderDescription } from "../bindings/ProviderDescription";
import type { ProviderRules } from "../bindings/ProviderRules";
import descriptions from "../bindings/provider-descriptions.json";

/** E-POST's description as the backend sends it (written by core's tests from the Rust source). */
export const epostDescription = (): ProviderDescription => structuredClone(descriptions.epost) as ProviderDescription;
/** Ekopost's, likewise. */
export const ekopostDescription = (): ProviderDescription => structuredClone(descriptions.ekopost) as ProviderDescription;

/** EasyPost's, once core's tests write it; until then Ekopost's with what EasyPost does not offer switched off. */
export const easypostDescription = (): ProviderDescription =>
  structuredClone((descriptions as Record<string, unknown>).easypost as ProviderDescription | undefined) ?? {
    ...ekopostDescription(),
    name: "EasyPost Connect",
    home_country: "BE",
    registered: [],
    postage: [],
    color: false,
    duplex: false,
    cover_letter: false,
    can_cancel: false,
    test_mode: false,
    test_result: false,
    cost_center: null,
  };

/** An EasyPost account's workflows as "Test connection" lists them: two that take letters, one payload, one inactive. */
export const sampleEasypostReach = (): EasypostReach => ({
  workflows: [
    { id: "wf_post", name: "Letters by post", description: "Printed in Brussels", type: "SINGLE_FILE", channels: ["POSTAL_MAIL"], status: "ACTIVE" },
    { id: "wf_reg", name: "eBox, else registered", type: "SINGLE_FILE", channels: ["EBOX", "REGISTERED_MAIL"], status: "ACTIVE" },
    { id: "wf_word", name: "Invoices from data", type: "PAYLOAD_WORD", channels: ["PEPPOL", "EMAIL"], status: "ACTIVE" },
    { id: "wf_old", name: "Old letters", type: "SINGLE_FILE", channels: ["POSTAL_MAIL"], status: "INACTIVE" },
  ],
});

/** A company with its own EasyPost Connect account (development API until Setup says more). */
export function sampleEasypostStatus(settings: Partial<EasypostSettings> = {}, hasKey = false): AppStatus {
  const base = sampleStatus();
  const company = { id: 5, name: "Dupont SRL", is_sandbox: false };
  return {
    ...base,
    environment: "live",
    company,
    companies: [...base.companies, company],
    account: {
      ...base.account,
      id: 5,
      company_id: 5,
      provider: "easypost",
      environment: "live",
      settings: { easypost: { host: "development", production_url: "", auth: "api_key", client_id: "", token_url: "", certificate_path: "", workflow_id: "", workflow_name: "", workflow_channels: [], ...settings } },
      has_secret: hasKey,
      has_password: false,
    },
    provider: easypostDescription(),
    sandbox_url: null,
  };
}

export const sampleStatus = (over: Partial<AppStatus> = {}): AppStatus => ({
  environment: "sandbox",
  company: { id: 1, name: "Sandbox GmbH", is_sandbox: true },
  companies: [
    { id: 1, name: "Sandbox GmbH", is_sandbox: true },
    { id: 2, name: "Hansen & Partner KG", is_sandbox: false },
  ],
  account: {
    id: 1,
    company_id: 1,
    provider: "epost",
    environment: "sandbox",
    prefs: {
      save_file_in_joblist: true,
      show_dialog: false,
      test_mode: false,
      show_restricted_area: true,
    },
    settings: { epost: { ekp: "1234567890", test_email: "" } },
    defaults: { color: false, duplex: true, registered: "none", cover_letter: false, postage: "standard", channel: "postal" },
    has_secret: true,
    has_password: true,
  },
  provider: epostDescription(),
  sandbox_url: "http://127.0.0.1:47123",
  ...over,
});

/** E-POST page-1 template, mm from the top-left corner (see shared/providers/epost.md). */
export const sampleRules = (): ProviderRules => ({
  provider: "epost",
  page_size_mm: [210, 297],
  max_pages: 94,
  max_bytes: 20 * 1024 * 1024,
  max_address_line_chars: 80,
  limits_source: "provider",
  cover_letter: false,
  zones: [
    { id: "address_window", label: "Address window", pages: "first", x_mm: 20, y_mm: 45, w_mm: 85, h_mm: 45, kind: "address_window", source: "third_party" },
    { id: "franking", label: "Franking zone", pages: "first", x_mm: 105, y_mm: 53, w_mm: 105, h_mm: 13, kind: "keep_free", source: "third_party" },
    { id: "left_margin", label: "Left margin", pages: "all", x_mm: 0, y_mm: 0, w_mm: 12, h_mm: 297, kind: "keep_free", source: "third_party" },
  ],
});

let nextId = 100;

export function sampleLetter(over: {
  id?: number;
  file_name: string;
  recipient?: string[] | null;
  pages?: number;
  findings?: Finding[];
  state?: LetterState;
  created_at?: string;
  registered_number?: string | null;
  provider_id?: string | null;
  reference?: string | null;
  cost_center?: string | null;
  test_mode?: boolean;
  archived?: boolean;
}): Letter {
  const id = over.id ?? nextId++;
  const lines = over.recipient === undefined ? ["Erika Mustermann", "Hauptstraße 5", "10115 Berlin"] : over.recipient;
  const postal = lines?.map((l) => /^(\d{5}) (.+)$/.exec(l)).find((m) => m);
  const address = lines ? { lines, postal_code: postal?.[1] ?? null, city: postal?.[2] ?? null, country: "DE" } : null;
  const pages = over.pages ?? 1;
  const at = over.created_at ?? "2025-03-12T09:30:00Z";
  const state = over.state ?? "draft";
  return {
    id,
    company_id: 1,
    account_id: 1,
    file_name: over.file_name,
    path: `/home/clerk/Letters/${over.file_name}`,
    sha256: "0".repeat(64),
    pages,
    bytes: 48_000 * pages,
    preflight: {
      file: over.file_name,
      bytes: 48_000 * pages,
      sha256: "0".repeat(64),
      pages,
      page_sizes_mm: Array.from({ length: pages }, () => [210, 297] as [number, number]),
      findings: over.findings ?? [],
      address,
      checked_with_cover_letter: false,
      letters_hint: null,
    },
    recipient: address,
    options: { color: false, duplex: true, registered: "none", cover_letter: false, postage: "standard", channel: "postal" },
    state,
    provider_id: over.provider_id ?? null,
    provider_status: null,
    registered_number: over.registered_number ?? null,
    attempts: state === "draft" || state === "queued" ? 0 : 1,
    last_error: null,
    created_at: at,
    updated_at: at,
    history: state === "draft" ? [] : [{ state: "queued", at, note: null }],
    cost_center: over.cost_center ?? null,
    reference: over.reference ?? null,
    test_mode: over.test_mode ?? false,
    archived: over.archived ?? true,
    split_from: null,
  };
}

export const errorFinding: Finding = {
  severity: "error",
  code: "ink_in_zone",
  page: 1,
  zone: "franking",
  message: "There is print in the franking zone on page 1.",
  hint: "Move the logo or text out of the band to the right of the address window.",
  params: {},
  marks: [{ page: 1, x_mm: 150, y_mm: 55, w_mm: 40, h_mm: 8 }],
};

export const warningFinding: Finding = {
  severity: "warning",
  code: "fonts_not_embedded",
  page: null,
  zone: null,
  message: "A font is not embedded; the print centre will replace it.",
  hint: "Export the PDF as PDF/A to keep the look exactly.",
  params: { fonts: "Arial" },
  marks: [],
};

export const sampleInbox = (): InboxMessage[] => [
  {
    id: 1,
    channel: "sms",
    to: "+49 151 2345678",
    subject: null,
    body: "Your E-POSTBUSINESS PIN is 482913. It is valid for 10 minutes.",
    code: "482913",
    at: "2025-03-12T09:12:00Z",
  },
  {
    id: 2,
    channel: "email",
    to: "admin@sandbox-gmbh.example",
    subject: "Confirm your new administrator e-mail address",
    body: "Enter this code in Postdesk to confirm the address.",
    code: "7F3K9Q",
    at: "2025-03-11T16:40:00Z",
  },
];
