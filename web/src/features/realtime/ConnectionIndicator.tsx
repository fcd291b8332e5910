// Live / reconnecting / offline, with the last event's latency and the reconnect count.
// The label is text (not only colour); only it is a live region, so screen readers hear
// "Reconnecting…" and "Live" but not every latency update.
import type { ConnectionStatus } from "./types";
import { useConnectionStatus } from "./useConnectionStatus";

const LABEL: Record<ConnectionStatus, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
  failed: "Disconnected",
};

export function ConnectionIndicator() {
  const { status, latencyMs, reconnects, reason } = useConnectionStatus();
  const details = [
    latencyMs !== null ? `${latencyMs} ms` : null,
    reconnects > 0 ? `${reconnects} reconnect${reconnects === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return (
    <div className={`connection connection--${status}`} title={reason ?? undefined}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label" role="status" aria-live="polite">
        <span className="sr-only">Live updates: </span>
        {LABEL[status]}
      </span>
      {details.length > 0 && <span className="connection__details">{details.join(" · ")}</span>}
    </div>
  );
}
