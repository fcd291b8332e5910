// The customer panel's frame (no chrome when embedded in the admin's live demo).
import { Link, Outlet, useSearch } from "@tanstack/react-router";
import { OfflineBanner } from "@/features/realtime";
import { AppHeader } from "./AppHeader";

export function CustomerLayout() {
  const { embed } = useSearch({ strict: false });
  const embedded = embed === "1";
  return (
    <div className="shell">
      {!embedded && (
        <AppHeader
          nav={
            <Link to="/customer/bills" search={{ as: undefined, embed: undefined }} activeProps={{ "aria-current": "page", className: "active" }}>
              My bills
            </Link>
          }
        />
      )}
      <OfflineBanner />
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
