// Admin stock ledger: filter by product, kind and date (kept in the URL), totals per product.
import { getRouteApi } from "@tanstack/react-router";
import { PageHeader } from "@/components/PageHeader";
import { QueryState } from "@/components/QueryState";
import { paths } from "@/lib/api";
import { formatDateTime } from "@/lib/dates";
import type { StockKind } from "@/lib/types";
import { LiveRow, NewBadge, useRealtimeSync } from "@/features/realtime";
import { useProducts, useStockLedger } from "./api";
import { KIND_LABEL, totalsPerProduct } from "./model";

const route = getRouteApi("/admin/inventory/history");
const KINDS = Object.keys(KIND_LABEL) as StockKind[];

export function StockHistoryPage() {
  useRealtimeSync({ documentTypes: ["stockTransaction", "product"] });
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const ledger = useStockLedger(search);
  const products = useProducts();
  const rows = ledger.data ?? [];
  const totals = totalsPerProduct(rows);
  const setFilter = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <>
      <PageHeader
        title="Stock history"
        subtitle="Every stock change, newest first (up to 500 rows)"
        actions={
          <a className="button" href={paths.stockLedgerCsv({ from: search.from, to: search.to, product: search.product })} download>
            Export CSV
          </a>
        }
      />
      <form className="filters filters--form" onSubmit={(e) => e.preventDefault()} aria-label="Filter the ledger">
        <label>
          Product
          <select value={search.product ?? ""} onChange={(e) => setFilter({ product: e.target.value || undefined })}>
            <option value="">All products</option>
            {(products.data ?? []).map((p) => (
              <option key={p._id} value={p._id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select value={search.kind ?? ""} onChange={(e) => setFilter({ kind: e.target.value || undefined })}>
            <option value="">All kinds</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={search.from ?? ""} onChange={(e) => setFilter({ from: e.target.value || undefined })} />
        </label>
        <label>
          To
          <input type="date" value={search.to ?? ""} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </label>
      </form>
      <QueryState isPending={ledger.isPending} error={ledger.error} isEmpty={rows.length === 0} empty="No stock changes match." onRetry={() => void ledger.refetch()}>
        <section className="panel" aria-labelledby="totals-title">
          <h2 id="totals-title">Totals per product</h2>
          <table className="table table--cards">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">In</th>
                <th scope="col" className="num">Out</th>
                <th scope="col" className="num">Net</th>
                <th scope="col" className="num">Entries</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.productId}>
                  <th scope="row" data-label="Product">{t.productName}</th>
                  <td data-label="In" className="num">+{t.in}</td>
                  <td data-label="Out" className="num">−{t.out}</td>
                  <td data-label="Net" className="num">{t.net > 0 ? `+${t.net}` : t.net}</td>
                  <td data-label="Entries" className="num">{t.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <table className="table table--cards">
          <caption className="sr-only">Stock ledger</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Product</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">Change</th>
              <th scope="col" className="num">Stock</th>
              <th scope="col">Why / who</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <LiveRow key={row._id} id={row._id}>
                <td data-label="When">
                  {formatDateTime(row._createdAt)} <NewBadge id={row._id} />
                </td>
                <th scope="row" data-label="Product">{row.productName ?? row.productId}</th>
                <td data-label="Kind">{KIND_LABEL[row.kind]}</td>
                <td data-label="Change" className={`num ${row.quantity < 0 ? "text-danger" : "text-success"}`}>
                  {row.quantity > 0 ? `+${row.quantity}` : `−${-row.quantity}`}
                </td>
                <td data-label="Stock" className="num">
                  {row.stockBefore} → {row.stockAfter}
                </td>
                <td data-label="Why / who">
                  {[row.billNumber, row.reason, row.actorName].filter(Boolean).join(" · ") || "—"}
                </td>
              </LiveRow>
            ))}
          </tbody>
        </table>
      </QueryState>
    </>
  );
}
