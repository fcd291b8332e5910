// The routes, code-based with TanStack Router: params and search are typed end to end
// (`/admin/bills/$id`, the history filters), and every page but login is lazy-loaded so the
// customer route never downloads admin pages or charts.
import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { homeFor, meQuery } from "@/features/auth/api";
import type { Role } from "@/lib/types";
import { NotFound } from "./layouts/NotFound";
import { RootLayout } from "./layouts/RootLayout";

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

/** Lets the route through when the signed-in user has one of `roles`; else to login. */
function requireRole(...roles: Role[]) {
  return async ({ context, location }: { context: RouterContext; location: { href: string } }) => {
    const me = await context.queryClient.query(meQuery);
    if (!me) throw redirect({ to: "/login", search: { redirect: location.href } });
    if (!roles.includes(me.role)) throw redirect({ href: homeFor(me) });
    return { me };
  };
}

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.query(meQuery);
    if (me) throw redirect({ href: homeFor(me) });
    throw redirect({ to: "/login", search: { redirect: undefined } });
  },
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "login",
  validateSearch: (search: Record<string, unknown>): { redirect: string | undefined } => ({
    redirect: typeof search.redirect === "string" && search.redirect.startsWith("/") ? search.redirect : undefined,
  }),
  component: lazyRouteComponent(() => import("@/features/auth/LoginPage"), "LoginPage"),
});

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "admin",
  beforeLoad: requireRole("admin"),
  component: lazyRouteComponent(() => import("./layouts/AdminLayout"), "AdminLayout"),
});

const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/admin/dashboard" });
  },
});

const adminDashboardRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "dashboard",
  component: lazyRouteComponent(() => import("@/features/dashboard/DashboardPage"), "DashboardPage"),
});

const adminInventoryRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "inventory",
  component: lazyRouteComponent(() => import("@/features/inventory/InventoryPage"), "InventoryPage"),
});

export interface HistorySearch {
  product: string | undefined;
  kind: string | undefined;
  from: string | undefined;
  to: string | undefined;
}

// TanStack Router parses search values as JSON ("?embed=1" arrives as the number 1).
const str = (value: unknown) =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;

export const adminHistoryRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "inventory/history",
  validateSearch: (search: Record<string, unknown>): HistorySearch => ({
    product: str(search.product),
    kind: str(search.kind),
    from: str(search.from),
    to: str(search.to),
  }),
  component: lazyRouteComponent(() => import("@/features/inventory/StockHistoryPage"), "StockHistoryPage"),
});

const adminBillsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "bills",
  component: lazyRouteComponent(() => import("@/features/bills/AdminBillsPage"), "AdminBillsPage"),
});

export const adminBillRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "bills/$id",
  component: lazyRouteComponent(() => import("@/features/bills/InvoicePage"), "InvoicePage"),
});

const adminCustomersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "customers",
  component: lazyRouteComponent(() => import("@/features/customers/CustomersPage"), "CustomersPage"),
});

const adminDemoRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "realtime-demo",
  component: lazyRouteComponent(() => import("@/features/demo/RealtimeDemoPage"), "RealtimeDemoPage"),
});

const customerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "customer",
  // Admins may open the customer view too (the live demo shows it side by side).
  beforeLoad: requireRole("customer", "admin"),
  component: lazyRouteComponent(() => import("./layouts/CustomerLayout"), "CustomerLayout"),
});

const customerIndexRoute = createRoute({
  getParentRoute: () => customerRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/customer/bills", search: { as: undefined, embed: undefined } });
  },
});

export interface CustomerBillsSearch {
  /** For admins: whose bills to show (the live demo's side-by-side view). */
  as: string | undefined;
  /** "1" inside the live demo's iframe: no header chrome. */
  embed: string | undefined;
}

export const customerBillsRoute = createRoute({
  getParentRoute: () => customerRoute,
  path: "bills",
  validateSearch: (search: Record<string, unknown>): CustomerBillsSearch => ({
    as: str(search.as),
    embed: str(search.embed),
  }),
  component: lazyRouteComponent(() => import("@/features/bills/CustomerBillsPage"), "CustomerBillsPage"),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  adminRoute.addChildren([
    adminIndexRoute,
    adminDashboardRoute,
    adminInventoryRoute,
    adminHistoryRoute,
    adminBillsRoute,
    adminBillRoute,
    adminCustomersRoute,
    adminDemoRoute,
  ]),
  customerRoute.addChildren([customerIndexRoute, customerBillsRoute]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient: undefined as unknown as QueryClient },
  defaultPreload: "intent",
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
