// The last listen events this tab received, newest first, for the demo's event log.
import { useState } from "react";
import { useDocumentListener, type MutationEvent } from "@/features/realtime";

export interface LoggedEvent {
  key: string;
  type: string;
  transition: string;
  documentId: string;
  latencyMs: number;
}

export function useEventLog(limit = 12): LoggedEvent[] {
  const [events, setEvents] = useState<LoggedEvent[]>([]);
  const record = (event: MutationEvent) =>
    setEvents((prev) =>
      [
        {
          key: event.eventId,
          type: event.result?._type ?? event.previous?._type ?? "?",
          transition: event.transition,
          documentId: event.documentId,
          latencyMs: Math.max(0, Date.now() - Date.parse(event.timestamp)),
        },
        ...prev,
      ].slice(0, limit),
    );
  useDocumentListener("bill", "*", record);
  useDocumentListener("product", "*", record);
  useDocumentListener("stockTransaction", "*", record);
  useDocumentListener("shopEvent", "*", record);
  useDocumentListener("user", "*", record);
  return events;
}
