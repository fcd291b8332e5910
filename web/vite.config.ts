// Vite build of the Ledgerline web app. `npm run dev` proxies the server's HTTP API to
// LEDGERLINE_URL (default http://127.0.0.1:8080) so cookies stay same-origin.
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const target = process.env.LEDGERLINE_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    outDir: "dist",
    sourcemap: false,
    manifest: true,
    target: "es2020",
    // Report sizes so the customer route's budget is visible in every build log.
    reportCompressedSize: true,
  },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
  server: {
    proxy: {
      "/v1": { target, changeOrigin: false },
      "/api": { target, changeOrigin: false },
      "/health": { target, changeOrigin: false },
    },
  },
});
