// Unknown paths.
import { Link } from "@tanstack/react-router";

export function NotFound() {
  return (
    <main id="main" className="centered">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </main>
  );
}
