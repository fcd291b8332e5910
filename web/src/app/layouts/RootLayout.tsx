// The outermost layout: a skip link and the routed page.
import { Outlet } from "@tanstack/react-router";

export function RootLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Outlet />
    </>
  );
}
