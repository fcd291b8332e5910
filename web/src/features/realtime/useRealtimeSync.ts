// A page's say in the realtime layer: which types' lists refresh by themselves, whether
// shopEvent toasts show. Returns the connection controls.
import { useCallback, useEffect } from "react";
import { DOCUMENT_TYPES, type DocumentType } from "@/lib/types";
import { useConnectionStatus } from "./useConnectionStatus";
import { useRealtime } from "./useRealtime";

export interface RealtimeSyncOptions {
  documentTypes?: readonly DocumentType[];
  enableNotifications?: boolean;
  enableAutoRefresh?: boolean;
}

export interface RealtimeSync {
  isConnected: boolean;
  connect: () => void;
  disconnect: () => void;
  refreshData: () => void;
}

export function useRealtimeSync({
  documentTypes = DOCUMENT_TYPES,
  enableNotifications = true,
  enableAutoRefresh = true,
}: RealtimeSyncOptions = {}): RealtimeSync {
  const services = useRealtime();
  const { status } = useConnectionStatus();
  const typesKey = documentTypes.join(",");

  useEffect(() => {
    const { cache, toaster } = services;
    const types = typesKey.split(",") as DocumentType[];
    cache.autoRefreshTypes = new Set(enableAutoRefresh ? types : []);
    toaster.enabled = enableNotifications;
    return () => {
      cache.autoRefreshTypes = new Set(DOCUMENT_TYPES);
      toaster.enabled = true;
    };
  }, [services, typesKey, enableAutoRefresh, enableNotifications]);

  const connect = useCallback(() => services.connection.reconnectNow(), [services]);
  const disconnect = useCallback(() => services.connection.simulateOutage(60 * 60 * 1000), [services]);
  const refreshData = useCallback(() => services.cache.refetchAll(), [services]);

  return { isConnected: status === "live", connect, disconnect, refreshData };
}
