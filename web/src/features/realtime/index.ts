// The realtime feature's public surface.
export { ConnectionIndicator } from "./ConnectionIndicator";
export { LiveRow } from "./LiveRow";
export { NewBadge } from "./NewBadge";
export { OfflineBanner } from "./OfflineBanner";
export { RealtimeProvider } from "./RealtimeProvider";
export type { ConnectionSnapshot, ConnectionStatus, MutationEvent } from "./types";
export { useConnectionStatus } from "./useConnectionStatus";
export { useDocumentListener } from "./useDocumentListener";
export { useFreshness } from "./useFreshness";
export { useOfflineQueueFlush } from "./useOfflineQueueFlush";
export { useRealtime } from "./useRealtime";
export { useRealtimeSync } from "./useRealtimeSync";
