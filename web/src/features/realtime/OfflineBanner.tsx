// Shown while the live connection is down: the page keeps its last data and says so, with
// the number of actions waiting to be sent.
import { useSyncExternalStore } from "react";
import { offlineQueue } from "@/lib/offlineQueue";
import { useConnectionStatus } from "./useConnectionStatus";
import { useRealtime } from "./useRealtime";

export function OfflineBanner() {
  const { status, reason } = useConnectionStatus();
  const { connection } = useRealtime();
  const queued = useSyncExternalStore(offlineQueue.subscribe, offlineQueue.getSnapshot);
  const down = status === "offline" || status === "reconnecting" || status === "failed";
  if (!down && queued.length === 0) return null;
  return (
    <div className={`banner ${down ? "banner--warning" : "banner--info"}`} role="status">
      {down ? (
        <span>
          {status === "failed" ? "Live updates stopped" : "Offline"}
          {reason ? ` (${reason})` : ""} — showing the last data received.
        </span>
      ) : (
        <span>Sending queued actions…</span>
      )}
      {queued.length > 0 && (
        <span>
          {" "}
          {queued.length} action{queued.length === 1 ? "" : "s"} waiting to be sent.
        </span>
      )}
      {down && status !== "offline" && (
        <button type="button" className="button button--small" onClick={() => connection.reconnectNow()}>
          Reconnect now
        </button>
      )}
    </div>
  );
}
