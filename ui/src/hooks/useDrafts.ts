import { useCallback, useEffect, useState } from "react";

import { listDrafts, onDraftsChanged, subscribe, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { Letter } from "../bindings/Letter";

/** The letters on the desk (drafts), refetched whenever the backend says they changed. */
export function useDrafts() {
  const [drafts, setDrafts] = useState<Letter[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    try {
      setDrafts(await listDrafts());
      setError(null);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return subscribe(() => onDraftsChanged(() => void refresh()));
  }, [refresh]);

  /** Shows letters the backend just returned without waiting for the event. */
  const merge = useCallback((letters: Letter[]) => {
    setDrafts((prev) => {
      const ids = new Set(prev.map((l) => l.id));
      return [...prev, ...letters.filter((l) => !ids.has(l.id))];
    });
  }, []);

  const drop = useCallback((ids: number[]) => {
    const gone = new Set(ids);
    setDrafts((prev) => prev.filter((l) => !gone.has(l.id)));
  }, []);

  return { drafts, loaded, error, refresh, merge, drop };
}
