// The top bar of both panels: brand, navigation, connection state, theme and sign-out.
import { Link, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useLogout, useMe } from "@/features/auth/api";
import { ConnectionIndicator } from "@/features/realtime";
import { ThemeToggle } from "@/components/ThemeToggle";

export function AppHeader({ nav }: { nav: ReactNode }) {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        Ledgerline
      </Link>
      <nav aria-label="Main" className="app-nav">
        {nav}
      </nav>
      <div className="app-header__tools">
        <ConnectionIndicator />
        <ThemeToggle />
        {me.data && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate({ to: "/login", search: { redirect: undefined } }) })}
          >
            Sign out <span className="sr-only">{me.data.name}</span>
          </button>
        )}
      </div>
    </header>
  );
}
