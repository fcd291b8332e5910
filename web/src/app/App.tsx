// Providers: query cache → realtime (while signed in) → motion settings → router, plus toasts.
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { LazyMotion, MotionConfig, domAnimation } from "motion/react";
import { Toaster } from "sonner";
import { useMe } from "@/features/auth/api";
import { RealtimeProvider, useOfflineQueueFlush } from "@/features/realtime";
import { useTheme } from "@/hooks/useTheme";
import { queryClient } from "./queryClient";
import { router } from "./router";

function QueueFlusher() {
  useOfflineQueueFlush();
  return null;
}

function SignedInRealtime() {
  const me = useMe();
  const [theme] = useTheme();
  return (
    <RealtimeProvider enabled={Boolean(me.data)}>
      <QueueFlusher />
      <RouterProvider router={router} context={{ queryClient }} />
      <Toaster theme={theme} position="bottom-right" closeButton richColors visibleToasts={5} />
    </RealtimeProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <MotionConfig reducedMotion="user">
        <LazyMotion features={domAnimation} strict>
          <SignedInRealtime />
        </LazyMotion>
      </MotionConfig>
    </QueryClientProvider>
  );
}
