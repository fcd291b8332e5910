// Sends the tab's queued actions whenever the live connection comes back.
import { useEffect } from "react";
import { offlineQueue } from "@/lib/offlineQueue";
import { useConnectionStatus } from "./useConnectionStatus";

export function useOfflineQueueFlush(): void {
  const { status } = useConnectionStatus();
  useEffect(() => {
    if (status === "live") void offlineQueue.flush();
  }, [status]);
}
