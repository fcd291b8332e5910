// The realtime layer's context value: the tab's one connection and its helpers.
import { createContext } from "react";
import type { CacheSync } from "./cacheSync";
import type { RealtimeConnection } from "./connection";
import type { DocumentListeners } from "./documentListeners";
import type { FreshnessStore } from "./freshness";
import type { ShopEventToaster } from "./notifications";

export interface RealtimeServices {
  connection: RealtimeConnection;
  cache: CacheSync;
  freshness: FreshnessStore;
  listeners: DocumentListeners;
  toaster: ShopEventToaster;
  /** Whether the provider keeps the connection open (signed in); start/stop toggle it. */
  start(): void;
  stop(): void;
}

export const RealtimeContext = createContext<RealtimeServices | null>(null);
