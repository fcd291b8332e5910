// Applies listen events to the TanStack Query cache: a changed document is merged into every
// cached list or single-document query that holds it (instantly), and the lists and stats of
// its type are invalidated in one debounced batch so appear/disappear and derived figures follow.
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/queryKeys";
import { DOCUMENT_TYPES, type DocumentType } from "@/lib/types";
import type { MutationEvent } from "./types";

type Doc = Record<string, unknown> & { _id: string };

function isDoc(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && typeof (value as { _id?: unknown })._id === "string";
}

/** `item` with the fields it already has taken from `result` (the projection stays the same). */
function mergeInto(item: Doc, result: Record<string, unknown>): Doc {
  const merged: Doc = { ...item };
  for (const key of Object.keys(item)) {
    if (key in result) merged[key] = result[key];
  }
  return merged;
}

export function patchData(data: unknown, event: MutationEvent): unknown {
  const result = event.result as Record<string, unknown> | undefined;
  if (Array.isArray(data)) {
    if (event.transition === "disappear") return data.filter((item) => !isDoc(item) || item._id !== event.documentId);
    if (!result) return data;
    const index = data.findIndex((item: unknown) => isDoc(item) && item._id === event.documentId);
    if (index < 0) return data;
    const next = [...(data as unknown[])];
    next[index] = mergeInto(data[index] as Doc, result);
    return next;
  }
  if (isDoc(data) && data._id === event.documentId && result) return mergeInto(data, result);
  return data;
}

function typeOf(event: MutationEvent): DocumentType | null {
  const type = event.result?._type ?? event.previous?._type;
  return (DOCUMENT_TYPES as readonly string[]).includes(type ?? "") ? (type as DocumentType) : null;
}

/** Batches invalidations: flushes `delayMs` after the last event, at most `maxWaitMs` after the first. */
export class CacheSync {
  private pending = new Set<DocumentType>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  /** Types whose lists are invalidated automatically (the mounted pages' choice). */
  autoRefreshTypes = new Set<DocumentType>(DOCUMENT_TYPES);

  constructor(
    private readonly client: QueryClient,
    private readonly delayMs = 150,
    private readonly maxWaitMs = 1000,
  ) {}

  apply(event: MutationEvent): void {
    const type = typeOf(event);
    // Patch the document wherever it is cached (any type: a list may show another type's docs).
    this.client.setQueriesData({ queryKey: queryKeys.allDocs }, (data: unknown) => patchData(data, event));
    if (type) this.schedule(type);
  }

  private schedule(type: DocumentType): void {
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    this.pending.add(type);
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstPendingAt + this.maxWaitMs - Date.now()));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    clearTimeout(this.timer);
    const types = [...this.pending].filter((type) => this.autoRefreshTypes.has(type));
    this.pending.clear();
    for (const type of types) void this.client.invalidateQueries({ queryKey: queryKeys.docsOfType(type) });
    if (types.length > 0) void this.client.invalidateQueries({ queryKey: queryKeys.stats });
  }

  /** Refetches every document query and the stats (after a gap the stream could not replay). */
  refetchAll(): void {
    this.pending.clear();
    clearTimeout(this.timer);
    void this.client.invalidateQueries({ queryKey: queryKeys.allDocs });
    void this.client.invalidateQueries({ queryKey: queryKeys.stats });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
