// Loading / error / empty states for a query, so pages only render the happy path.
import type { ReactNode } from "react";

interface Props {
  isPending: boolean;
  error: Error | null;
  isEmpty?: boolean;
  empty?: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
}

export function QueryState({ isPending, error, isEmpty, empty, onRetry, children }: Props) {
  if (isPending) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  if (error) {
    return (
      <div className="alert alert--danger" role="alert">
        <span>Could not load: {error.message}</span>
        {onRetry && (
          <button type="button" className="button button--small" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    );
  }
  if (isEmpty) return <p className="muted">{empty ?? "Nothing here yet."}</p>;
  return <>{children}</>;
}
