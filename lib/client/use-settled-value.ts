"use client";
import { useEffect, useRef, useState } from "react";

/**
 * `value` once it stops changing: a change after a quiet spell of `ms` passes at once (a single keystroke waits
 * for nothing), while a burst of changes faster than that passes only its last value, `ms` after it. `atOnce`
 * is a value that never waits (an emptied search box: clearing is one deliberate act, not typing).
 */
export function useSettledValue<T>(value: T, ms: number, { atOnce }: { atOnce?: T } = {}): T {
  const [settled, setSettled] = useState(value);
  const lastChange = useRef(0);
  useEffect(() => {
    const now = performance.now();
    const quiet = now - lastChange.current >= ms || value === atOnce;
    lastChange.current = now;
    const timer = setTimeout(() => setSettled(value), quiet ? 0 : ms);
    return () => clearTimeout(timer);
  }, [value, ms, atOnce]);
  return settled;
}
