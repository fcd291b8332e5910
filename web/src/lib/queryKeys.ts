// TanStack Query keys. Lists are keyed by the document type they show first, so the realtime
// layer can patch or invalidate every list of a type after a listen event.
import type { DocumentType } from "./types";

export const queryKeys = {
  me: ["auth", "me"] as const,
  /** Every list of one document type: ["docs", type, ...rest]. */
  docsOfType: (type: DocumentType) => ["docs", type] as const,
  docs: (type: DocumentType, name: string, params: Record<string, unknown> = {}) => ["docs", type, name, params] as const,
  allDocs: ["docs"] as const,
  stats: ["stats"] as const,
};
