import { useCallback, useEffect, useState } from "react";

import { listJobs, onJobsChanged, subscribe, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { Letter } from "../bindings/Letter";
import { upsertById } from "../lib/letters";

/** Jobs newest first; each `jobs-changed` event upserts one letter by id. */
export function useJobs() {
  const [jobs, setJobs] = useState<Letter[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await listJobs();
      // An event may have delivered a newer state while the list was on its way.
      setJobs((prev) => {
        let next = list;
        for (const l of prev) {
          const known = next.find((n) => n.id === l.id);
          if (!known || known.updated_at < l.updated_at) next = upsertById(next, l);
        }
        return next;
      });
      setError(null);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    const stop = subscribe(() =>
      onJobsChanged((letter) => {
        if (letter.state === "draft") return;
        setJobs((prev) => upsertById(prev, letter));
      }),
    );
    void refresh();
    return stop;
  }, [refresh]);

  return { jobs, loaded, error, refresh };
}
