// Listen-stream event shapes (the data API's SSE contract) and the connection's public state.
import type { AnyDocument } from "@/lib/types";

export type Transition = "appear" | "update" | "disappear";

export interface MutationEvent {
  type: "mutation";
  documentId: string;
  eventId: string;
  transactionId: string;
  transition: Transition;
  identity?: string;
  result?: AnyDocument;
  previous?: AnyDocument | null;
  previousRev?: string;
  resultRev?: string;
  timestamp: string;
  transactionTotalEvents?: number;
  transactionCurrentEvent?: number;
}

export type ConnectionStatus =
  | "idle" // not started (signed out)
  | "connecting" // first connection in progress
  | "live" // welcome received, events flowing
  | "reconnecting" // lost; waiting for the next attempt (backoff)
  | "offline" // the browser says there is no network, or a simulated outage
  | "failed"; // refused for good (401/403, channelError): needs sign-in or a reload

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Reconnections since the page loaded. */
  reconnects: number;
  /** now − the last mutation event's commit timestamp, in ms. */
  latencyMs: number | null;
  /** Why the connection is down, when it is. */
  reason: string | null;
  /** When the current outage simulation ends (ms since epoch), or null. */
  simulatedUntil: number | null;
}
