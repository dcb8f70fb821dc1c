"use client";

import { useEffect, useState } from "react";
import type { CurveStore } from "@/lib/series";

/** Re-renders the caller when the store changes, at most once per `ms`. */
export function useThrottledVersion(store: CurveStore, ms: number): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion(store.version);
      }, ms);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, ms]);
  return version;
}
