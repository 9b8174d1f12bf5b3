import { useForm, type UseFormReturnType } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";
import { validatePassword, validatePin } from "../lib/setupForm";

/**
 * A Setup form starts again from what is stored whenever `key` changes (another
 * company, a save): `stored()` becomes its initial values, its values and its
 * not-dirty state (a fresh copy each).
 */
export function useFormFollowsStored<T extends Record<string, unknown>>(form: UseFormReturnType<T>, stored: () => T, key: unknown) {
  useEffect(() => {
    form.setInitialValues(stored());
    form.setValues(stored());
    form.resetDirty(stored());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/**
 * Save of a Setup form beside `useAttempt`'s buttons: `saving` while it runs (the
 * other buttons stay free), the error cleared first and shown through `setError`
 * in the clerk's words (`local`), "Saved" when the core took it.
 */
export function useSetupSave<T extends Record<string, unknown>>(
  form: UseFormReturnType<T>,
  save: (values: T) => Promise<AppStatus>,
  onStatus: (s: AppStatus) => void,
  { setError, local }: { setError: (e: AppError | null) => void; local: (e: unknown) => AppError },
) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    setError(null);
    try {
      onStatus(await save(values as T));
      notifications.show({ color: "green", message: t("setup.saved") });
    } catch (e) {
      setError(local(e));
    } finally {
      setSaving(false);
    }
  });
  return { saving, submit };
}

/** A new E-POST password: the SMS code, the password and the same again, each checked as the core would. */
export function useNewPasswordForm() {
  const { t } = useTranslation();
  return useForm({
    mode: "controlled",
    initialValues: { pin: "", password: "", repeat: "" },
    validate: {
      pin: (p) => (validatePin(p) ? t(validatePin(p)!) : null),
      password: (p) => (validatePassword(p) ? t(validatePassword(p)!) : null),
      repeat: (r, all) => (r !== all.password ? t("setup.errors.passwordMismatch") : null),
    },
  });
}
