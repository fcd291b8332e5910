// Light/dark theme: follows prefers-color-scheme until the user picks one (saved per origin).
import { useCallback, useSyncExternalStore } from "react";

export type Theme = "light" | "dark";
const STORAGE_KEY = "ledgerline.theme";
const media = () => window.matchMedia("(prefers-color-scheme: dark)");
const subscribers = new Set<() => void>();

function current(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return media().matches ? "dark" : "light";
}

function subscribe(listener: () => void): () => void {
  subscribers.add(listener);
  const query = media();
  query.addEventListener("change", listener);
  return () => {
    subscribers.delete(listener);
    query.removeEventListener("change", listener);
  };
}

export function useTheme(): [Theme, (theme: Theme) => void] {
  const theme = useSyncExternalStore(subscribe, current);
  const setTheme = useCallback((next: Theme) => {
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not saved: the choice lasts for this page */
    }
    for (const listener of subscribers) listener();
  }, []);
  return [theme, setTheme];
}
