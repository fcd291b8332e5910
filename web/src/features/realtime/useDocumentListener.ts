// Calls `callback` for every listen event about one document (or every document of a type
// with id "*"). The latest callback is used without re-subscribing.
import { useEffect, useRef } from "react";
import type { DocumentCallback } from "./documentListeners";
import { useRealtime } from "./useRealtime";

export function useDocumentListener(type: string, id: string, callback: DocumentCallback): void {
  const { listeners } = useRealtime();
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => listeners.add(type, id, (event) => latest.current(event)), [listeners, type, id]);
}
