// "new" while a document is fresh (a minute after it appeared), "changed" just after an update.
import { useCallback, useSyncExternalStore } from "react";
import type { Freshness } from "./freshness";
import { useRealtime } from "./useRealtime";

export function useFreshness(id: string): Freshness | null {
  const { freshness } = useRealtime();
  const get = useCallback(() => freshness.get(id), [freshness, id]);
  return useSyncExternalStore(freshness.subscribe, get);
}
