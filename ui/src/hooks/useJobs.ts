import { useCallback, useEffect, useRef, useState } from "react";

import { listJobs, onJobsChanged, subscribe, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { Letter } from "../bindings/Letter";
import { upsertById } from "../lib/letters";

/** Many letters into a newest-first list at once (the last event of a letter wins). */
function upsertAll(list: Letter[], letters: Letter[]): Letter[] {
  const byId = new Map(letters.map((l) => [l.id, l]));
  const next = list.map((l) => {
    const n = byId.get(l.id);
    if (!n) return l;
    byId.delete(l.id);
    return n;
  });
  const fresh = [...byId.values()].sort((a, b) => b.id - a.id);
  return [...fresh, ...next];
}

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

  // A big batch changes thousands of letters: events are gathered and applied
  // together every 50 ms at most, so the table re-renders a few times a second.
  const pending = useRef<Letter[]>([]);
  const frame = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const flush = () => {
      frame.current = null;
      const batch = pending.current;
      pending.current = [];
      setJobs((prev) => upsertAll(prev, batch));
    };
    const stop = subscribe(() =>
      onJobsChanged((letter) => {
        if (letter.state === "draft") return;
        pending.current.push(letter);
        if (frame.current === null) frame.current = setTimeout(flush, 50);
      }),
    );
    void refresh();
    return () => {
      stop();
      if (frame.current !== null) clearTimeout(frame.current);
    };
  }, [refresh]);

  return { jobs, loaded, error, refresh };
}
