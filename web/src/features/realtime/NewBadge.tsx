// "New" next to a document that appeared in the last minute.
import { useFreshness } from "./useFreshness";

export function NewBadge({ id }: { id: string }) {
  return useFreshness(id) === "new" ? <span className="badge badge--info badge--new">New</span> : null;
}
