// Holds the tab's single listen-stream connection and feeds the TanStack Query cache from it.
// The stream runs while `enabled` (signed in) and is closed on unmount.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, type ReactNode } from "react";
import { CacheSync } from "./cacheSync";
import { RealtimeConnection } from "./connection";
import { DocumentListeners } from "./documentListeners";
import { FreshnessStore } from "./freshness";
import { listenUrl } from "./listenUrl";
import { ShopEventToaster } from "./notifications";
import { RealtimeContext, type RealtimeServices } from "./RealtimeContext";

interface Props {
  enabled: boolean;
  children: ReactNode;
}

export function RealtimeProvider({ enabled, children }: Props) {
  const queryClient = useQueryClient();
  const services = useMemo<RealtimeServices>(() => {
    const cache = new CacheSync(queryClient);
    const freshness = new FreshnessStore();
    const listeners = new DocumentListeners();
    const toaster = new ShopEventToaster();
    const connection = new RealtimeConnection(listenUrl(), {
      onMutation(event) {
        cache.apply(event);
        if (event.transition === "appear" && !event.previous) freshness.mark(event.documentId, "new");
        else if (event.transition === "update") freshness.mark(event.documentId, "changed");
        if (event.transition === "appear" && event.result?._type === "shopEvent") toaster.push(event.result);
        listeners.emit(event);
      },
      onResync() {
        cache.refetchAll();
      },
    });
    return {
      connection,
      cache,
      freshness,
      listeners,
      toaster,
      start: () => connection.start(),
      stop: () => connection.stop(),
    };
  }, [queryClient]);

  useEffect(() => {
    if (!enabled) return;
    services.start();
    return () => services.stop();
  }, [enabled, services]);

  useEffect(
    () => () => {
      services.cache.dispose();
      services.freshness.dispose();
      services.toaster.dispose();
    },
    [services],
  );

  return <RealtimeContext.Provider value={services}>{children}</RealtimeContext.Provider>;
}
