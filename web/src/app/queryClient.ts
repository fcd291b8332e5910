// The tab's TanStack Query client. Data stays fresh through the listen stream, so queries do
// not refetch on focus; failed reads retry twice (not on 4xx).
import { QueryCache, QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiError } from "@/lib/api";

/** The session ended (expired, signed out in another tab): back to the login page. */
function signedOut(): void {
  if (window.location.pathname === "/login") return;
  const back = window.location.pathname + window.location.search;
  window.location.assign(`/login?redirect=${encodeURIComponent(back)}`);
}

export const queryClient = new QueryClient({
  // A failed first load shows in the page (QueryState); a failed refresh of data already on
  // screen keeps that data and says so in a toast with a retry.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401) {
        signedOut();
        return;
      }
      if (query.state.data === undefined) return;
      toast.error("Could not refresh", {
        id: `refresh-${query.queryHash}`,
        description: error.message,
        action: { label: "Retry", onClick: () => void query.fetch() },
      });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Keep showing the last data while offline instead of throwing it away.
      networkMode: "offlineFirst",
      retry: (failures, error) => !(error instanceof ApiError && error.isRefusal) && failures < 2,
    },
  },
});
