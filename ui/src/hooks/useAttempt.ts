import { useState } from "react";
import { useTranslation } from "react-i18next";

import { toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import { errorText } from "../lib/errors";

/** The backend's message, in the clerk's language when we know the code (with its parameters, `lib/errors.ts`). */
export function useLocalError() {
  const { t } = useTranslation();
  return (e: unknown): AppError => {
    const err = toAppError(e);
    return { ...err, message: errorText(t, err) };
  };
}

/**
 * An action behind a button: while it runs, `busy` names it (`kind`, for screens
 * with several buttons), its error is cleared first and shown in the clerk's words
 * when it fails.
 */
export function useAttempt() {
  const local = useLocalError();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const attempt = async (action: () => Promise<void>, kind = "action") => {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(local(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, attempt, local };
}
