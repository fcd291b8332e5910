// Callbacks registered by useDocumentListener, keyed by type and id ("*" for every id).
import type { MutationEvent } from "./types";

export type DocumentCallback = (event: MutationEvent) => void;

export class DocumentListeners {
  private callbacks = new Map<string, Set<DocumentCallback>>();

  add(type: string, id: string, callback: DocumentCallback): () => void {
    const key = `${type}:${id}`;
    let set = this.callbacks.get(key);
    if (!set) {
      set = new Set();
      this.callbacks.set(key, set);
    }
    set.add(callback);
    return () => {
      set.delete(callback);
      if (set.size === 0) this.callbacks.delete(key);
    };
  }

  emit(event: MutationEvent): void {
    const type = event.result?._type ?? event.previous?._type ?? "";
    for (const key of [`${type}:${event.documentId}`, `${type}:*`]) {
      for (const callback of this.callbacks.get(key) ?? []) callback(event);
    }
  }
}
