import { useCallback, useEffect, useState } from "react";

import { appStatus, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { AppStatus } from "../bindings/AppStatus";

export function useAppStatus() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await appStatus());
      setError(null);
    } catch (e) {
      setError(toAppError(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { status, error, refresh, setStatus };
}
