// Admin inventory: stock levels against thresholds, alerts, restock and adjustments, live.
import { useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import { QueryState } from "@/components/QueryState";
import { useRealtimeSync } from "@/features/realtime";
import { AdjustStockDialog } from "./AdjustStockDialog";
import { useProducts } from "./api";
import { EditProductDialog } from "./EditProductDialog";
import type { ProductRow } from "./model";
import { ProductDialog } from "./ProductDialog";
import { ProductsTable } from "./ProductsTable";
import { StockAlerts } from "./StockAlerts";

export function InventoryPage() {
  useRealtimeSync({ documentTypes: ["product", "stockTransaction", "shopEvent"] });
  const products = useProducts();
  const [adjusting, setAdjusting] = useState<ProductRow | null>(null);
  const [editing, setEditing] = useState<ProductRow | null>(null);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const shown = (products.data ?? []).filter(
    (p) => !needle || p.name.toLowerCase().includes(needle) || p.sku.toLowerCase().includes(needle) || p.category.toLowerCase().includes(needle),
  );
  return (
    <>
      <PageHeader
        title="Inventory"
        subtitle={`${products.data?.length ?? 0} products`}
        actions={
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New product
          </button>
        }
      />
      <section className="panel" aria-labelledby="alerts-title">
        <h2 id="alerts-title">Stock alerts</h2>
        <StockAlerts products={products.data ?? []} />
      </section>
      <div className="filters">
        <label className="search">
          <span className="sr-only">Search products</span>
          <input type="search" placeholder="Search name, SKU, category" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
      </div>
      <QueryState isPending={products.isPending} error={products.error} isEmpty={shown.length === 0} onRetry={() => void products.refetch()}>
        <ProductsTable products={shown} onAdjust={setAdjusting} onEdit={setEditing} />
      </QueryState>
      {adjusting && <AdjustStockDialog product={adjusting} open onOpenChange={(open) => !open && setAdjusting(null)} />}
      {editing && <EditProductDialog product={editing} open onOpenChange={(open) => !open && setEditing(null)} />}
      {creating && <ProductDialog open onOpenChange={setCreating} />}
    </>
  );
}
