// Prints the gzip-compressed JavaScript a browser downloads to show each route, from Vite's
// manifest (entry + the route's lazy modules + everything they import statically).
// Usage: node scripts/bundle-size.mjs [--max-customer-kb 300]   (after npm run build)
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return seen;
}

function gzipKb(keys) {
  let bytes = 0;
  for (const key of keys) bytes += gzipSync(readFileSync(`dist/${manifest[key].file}`), { level: 9 }).length;
  return bytes / 1024;
}

const routes = {
  "/login": ["src/features/auth/LoginPage.tsx"],
  "/customer/bills": ["src/app/layouts/CustomerLayout.tsx", "src/features/bills/CustomerBillsPage.tsx"],
  "/admin/dashboard (without charts)": ["src/app/layouts/AdminLayout.tsx", "src/features/dashboard/DashboardPage.tsx"],
  "/admin/dashboard (with charts)": [
    "src/app/layouts/AdminLayout.tsx",
    "src/features/dashboard/DashboardPage.tsx",
    "src/features/dashboard/RevenueChart.tsx",
    "src/features/dashboard/StockChart.tsx",
  ],
  "/admin/bills": ["src/app/layouts/AdminLayout.tsx", "src/features/bills/AdminBillsPage.tsx"],
};

const args = process.argv.slice(2);
const maxIndex = args.indexOf("--max-customer-kb");
const maxCustomer = maxIndex >= 0 ? Number(args[maxIndex + 1]) : Infinity;
let customerKb = 0;
for (const [route, modules] of Object.entries(routes)) {
  const kb = gzipKb(closure([entryKey, ...modules]));
  if (route === "/customer/bills") customerKb = kb;
  console.log(`${route.padEnd(36)} ${kb.toFixed(1).padStart(7)} KB gzip JS`);
}
if (customerKb > maxCustomer) {
  console.error(`customer route is ${customerKb.toFixed(1)} KB, over the ${maxCustomer} KB budget`);
  process.exit(1);
}
