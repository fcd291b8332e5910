// Access to the tab's realtime services (inside RealtimeProvider).
import { useContext } from "react";
import { RealtimeContext, type RealtimeServices } from "./RealtimeContext";

export function useRealtime(): RealtimeServices {
  const services = useContext(RealtimeContext);
  if (!services) throw new Error("useRealtime must be used inside <RealtimeProvider>");
  return services;
}
