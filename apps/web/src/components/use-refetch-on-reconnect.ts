"use client";

import { useEffect, useRef } from "react";
import { useConnection } from "@/urql/provider";

/**
 * Events the API sent while the WebSocket was down are lost; after a reconnect the page reads its queries
 * again (subscriptions resume by themselves).
 */
export function useRefetchOnReconnect(refetch: () => void): void {
  const { reconnects } = useConnection();
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (reconnects > 0) latest.current();
  }, [reconnects]);
}
