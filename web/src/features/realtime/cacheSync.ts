// Applies listen events to the TanStack Query cache: a changed document is merged into every
// cached list or single-document query that holds it (instantly), and the lists and stats of
// its type are invalidated so appear/disappear and derived figures follow: at once for the
// first document of a type to appear or disappear in a while (a new bill shows within one
// refetch), batched for the rest.
import type { Query, QueryClient, QueryKey } from "@tanstack/react-query";
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

/**
 * Invalidations. A document appearing or disappearing changes which items a list holds: the
 * first such event of a type in `delayMs` refetches that type's lists at once. Everything else
 * (updates are already patched in; the rest of a burst) is batched, flushed `delayMs` after
 * the last event and at most `maxWaitMs` after the first: a burst costs two refetches a type.
 */
export class CacheSync {
  private pending = new Set<DocumentType>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt = 0;
  private lastImmediateAt = new Map<DocumentType, number>();
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
    if (type) this.schedule(type, event.transition !== "update");
  }

  private schedule(type: DocumentType, membershipChanged: boolean): void {
    const now = Date.now();
    if (membershipChanged && this.autoRefreshTypes.has(type) && now - (this.lastImmediateAt.get(type) ?? -Infinity) >= this.delayMs) {
      this.lastImmediateAt.set(type, now);
      this.refetch(queryKeys.docsOfType(type));
      this.refetch(queryKeys.stats);
      return;
    }
    if (this.pending.size === 0) this.firstPendingAt = now;
    this.pending.add(type);
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.firstPendingAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const types = [...this.pending].filter((type) => this.autoRefreshTypes.has(type));
    this.pending.clear();
    for (const type of types) this.refetch(queryKeys.docsOfType(type));
    if (types.length > 0) this.refetch(queryKeys.stats);
  }

  /** Refetches every document query and the stats (after a gap the stream could not replay). */
  refetchAll(): void {
    this.pending.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.refetch(queryKeys.allDocs);
    this.refetch(queryKeys.stats);
  }

  /**
   * Invalidates the queries under `queryKey`. A first fetch still running may have been answered
   * before this change, and invalidating would join it, not restart it (TanStack restarts only
   * fetches of queries that already hold data): such fetches are cancelled first, so the page
   * never settles on a first answer that misses what the stream just said.
   */
  private refetch(queryKey: QueryKey): void {
    const firstFetches = {
      queryKey,
      predicate: (query: Query) => query.state.data === undefined && query.state.fetchStatus === "fetching",
    };
    if (this.client.isFetching(firstFetches) === 0) {
      void this.client.invalidateQueries({ queryKey });
      return;
    }
    void this.client.cancelQueries(firstFetches).then(() => this.client.invalidateQueries({ queryKey }));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
