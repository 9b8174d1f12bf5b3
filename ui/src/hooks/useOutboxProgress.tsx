import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { cancelBatch, notifyDesktop, onOutboxProgress, outboxProgress, pauseOutbox, resumeOutbox, subscribe, toAppError } from "../api";
import type { AppError } from "../bindings/AppError";
import type { BatchProgress } from "../bindings/BatchProgress";
import type { OutboxProgress } from "../bindings/OutboxProgress";

/** Batches of at least this many letters get the progress panel and the end notification (a few letters are followed in Jobs). */
export const BIG_BATCH = 5;

/**
 * The outbox's batches for the progress panel, moved on by `outbox-progress`
 * events (the backend throttles them). A batch stays shown after it is done until
 * the clerk closes it; when one finishes, an in-window notification says how it went.
 */
export function useOutboxProgress() {
  const { t } = useTranslation();
  const [paused, setPaused] = useState(false);
  const [batches, setBatches] = useState<BatchProgress[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const announced = useRef(new Set<number>());

  const apply = useCallback(
    (p: OutboxProgress) => {
      setPaused(p.paused);
      setBatches((prev) => {
        const next = [...prev];
        for (const b of p.batches.filter((x) => x.total >= BIG_BATCH)) {
          const i = next.findIndex((x) => x.id === b.id);
          if (i >= 0) next[i] = b;
          else next.push(b);
        }
        return next;
      });
      for (const b of p.batches) {
        if (b.done && b.total >= BIG_BATCH && !announced.current.has(b.id)) {
          announced.current.add(b.id);
          notifications.show({
            id: `batch-${b.id}`,
            color: b.failed > 0 ? "orange" : "green",
            title: <span data-testid="outbox-done-title">{t("outbox.doneTitle", { count: b.total })}</span>,
            message: (
              <span data-testid="outbox-done-message">
                {t("outbox.doneMessage", { sent: b.sent, failed: b.failed, cancelled: b.cancelled })}
              </span>
            ),
            autoClose: 8000,
          });
          notifyDesktop(
            t("outbox.doneTitle", { count: b.total }),
            t("outbox.doneMessage", { sent: b.sent, failed: b.failed, cancelled: b.cancelled }),
          );
        }
      }
    },
    [t],
  );

  useEffect(() => {
    const stop = subscribe(() => onOutboxProgress(apply));
    outboxProgress().then(
      (p) => {
        if (!p) return; // a backend without an outbox (test fakes of other screens)
        // Batches already done at start-up are not news.
        for (const b of p.batches) if (b.done) announced.current.add(b.id);
        apply(p);
      },
      (e) => setError(toAppError(e)),
    );
    return stop;
  }, [apply]);

  const run = useCallback(
    async (action: () => Promise<OutboxProgress | number>) => {
      try {
        const r = await action();
        if (typeof r !== "number") apply(r);
        setError(null);
      } catch (e) {
        setError(toAppError(e));
      }
    },
    [apply],
  );

  return {
    paused,
    batches,
    error,
    pause: () => run(pauseOutbox),
    resume: () => run(resumeOutbox),
    cancel: (id: number) => run(() => cancelBatch(id)),
    dismiss: (id: number) => setBatches((prev) => prev.filter((b) => b.id !== id)),
    clearError: () => setError(null),
  };
}
