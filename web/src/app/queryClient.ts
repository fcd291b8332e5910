// The tab's TanStack Query client. Data stays fresh through the listen stream, so queries do
// not refetch on focus; failed reads retry twice (not on 4xx).
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/api";

export const queryClient = new QueryClient({
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
