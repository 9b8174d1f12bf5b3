import { useCallback, useEffect, useRef, useState } from "react";

import { peppolUnseen } from "../api";

/** How often the badge asks EasyPost Connect for new Peppol documents. */
export const PEPPOL_POLL_MS = 60_000;

/**
 * The number of Peppol documents that arrived since the inbox was last opened,
 * for the navigation's badge: asked when the company is an EasyPost one, every
 * minute and whenever the window gets the focus. `seen()` zeroes it (the inbox
 * was opened); an answer that was under way then is dropped.
 */
export function usePeppolUnseen(enabled: boolean, companyId: number | undefined) {
  const [count, setCount] = useState(0);
  const generation = useRef(0);

  const poll = useCallback(async () => {
    const asked = generation.current;
    try {
      const n = await peppolUnseen();
      if (asked === generation.current) setCount(n);
    } catch {
      /* the badge keeps what it showed; the inbox itself shows the error */
    }
  }, []);

  useEffect(() => {
    generation.current += 1;
    setCount(0);
    if (!enabled) return;
    void poll();
    const timer = window.setInterval(() => void poll(), PEPPOL_POLL_MS);
    const onFocus = () => void poll();
    window.addEventListener("focus", onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  }, [enabled, companyId, poll]);

  const seen = useCallback(() => {
    generation.current += 1;
    setCount(0);
  }, []);

  return { count, seen };
}
