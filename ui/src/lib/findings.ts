import type { TFunction } from "i18next";

import type { Finding } from "../bindings/Finding";

/**
 * A finding in the clerk's language, from its code and parameters
 * (`findings.<code>` in the language files). The core's English `message` and
 * `hint` only stand in for a code this window does not know (a newer core).
 */
export function findingText(t: TFunction, f: Finding): { message: string; hint: string | null } {
  const key = `findings.${f.code}`;
  const params = f.params ?? {};
  const values = {
    ...params,
    page: f.page ?? undefined,
    zone: f.zone ? t(`zones.${f.zone}`, { defaultValue: f.zone }) : undefined,
    // `message_more_*`: the same problem on `count` more pages; `message_info`: a note.
    count: params.more_pages ?? params.count,
    context: params.more_pages ? "more" : f.severity,
  };
  const message = t(`${key}.message`, { ...values, defaultValue: f.message });
  const hint = f.hint === null ? null : t(`${key}.hint`, { ...values, context: undefined, count: undefined, defaultValue: f.hint });
  return { message, hint };
}
