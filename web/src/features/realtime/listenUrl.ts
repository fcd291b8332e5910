// The tab's one listen query: every type any page shows. The server cuts it per user by the
// read rules, so a customer's stream carries only their bills, events and the catalogue.
import { paths } from "@/lib/api";
import { DOCUMENT_TYPES } from "@/lib/types";

export function listenUrl(): string {
  const search = new URLSearchParams({
    query: `*[_type in ${JSON.stringify(DOCUMENT_TYPES)}]`,
    includeResult: "true",
    includePreviousRevision: "true",
    includeMutations: "false",
    visibility: "query",
    enableResume: "true",
  });
  return `${paths.listen}?${search.toString()}`;
}
