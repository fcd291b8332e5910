// The admin panel's frame: navigation between the admin pages.
import { Link, Outlet } from "@tanstack/react-router";
import { OfflineBanner } from "@/features/realtime";
import { AppHeader } from "./AppHeader";

const links = [
  { to: "/admin/dashboard", label: "Dashboard" },
  { to: "/admin/bills", label: "Bills" },
  { to: "/admin/inventory", label: "Inventory" },
  { to: "/admin/inventory/history", label: "Stock history" },
  { to: "/admin/customers", label: "Customers" },
  { to: "/admin/realtime-demo", label: "Live demo" },
] as const;

export function AdminLayout() {
  return (
    <div className="shell">
      <AppHeader
        nav={links.map((link) => (
          <Link key={link.to} to={link.to} activeOptions={{ exact: true }} activeProps={{ "aria-current": "page", className: "active" }}>
            {link.label}
          </Link>
        ))}
      />
      <OfflineBanner />
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
