// The connection's live state (status, reconnects, latency), re-rendering on every change.
import { useSyncExternalStore } from "react";
import type { ConnectionSnapshot } from "./types";
import { useRealtime } from "./useRealtime";

export function useConnectionStatus(): ConnectionSnapshot {
  const { connection } = useRealtime();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}
