// Products with live stock bars against their thresholds.
import { Link } from "@tanstack/react-router";
import { Badge } from "@/components/Badge";
import { Money } from "@/components/Money";
import { StockBar } from "@/components/StockBar";
import { LiveRow, NewBadge } from "@/features/realtime";
import type { ProductRow } from "./model";

interface Props {
  products: readonly ProductRow[];
  onAdjust: (product: ProductRow) => void;
  onEdit: (product: ProductRow) => void;
}

export function ProductsTable({ products, onAdjust, onEdit }: Props) {
  return (
    <table className="table table--cards">
      <caption className="sr-only">Products and stock</caption>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col">Category</th>
          <th scope="col" className="num">Price</th>
          <th scope="col">Stock</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {products.map((p) => (
          <LiveRow key={p._id} id={p._id}>
            <th scope="row" data-label="Product">
              {p.name} <NewBadge id={p._id} />
              <span className="muted block">{p.sku}</span>
              {!p.active && <Badge>Inactive</Badge>}
            </th>
            <td data-label="Category">{p.category}</td>
            <td data-label="Price" className="num">
              <Money minor={p.price} currency={p.currency} />
            </td>
            <td data-label="Stock">
              <StockBar stock={p.stock} threshold={p.lowStockThreshold} />
            </td>
            <td className="actions">
              <div className="row-actions">
                <button type="button" className="button button--small" onClick={() => onAdjust(p)}>
                  Stock<span className="sr-only"> of {p.name}</span>
                </button>
                <button type="button" className="button button--small button--ghost" onClick={() => onEdit(p)}>
                  Edit<span className="sr-only"> {p.name}</span>
                </button>
                <Link
                  to="/admin/inventory/history"
                  search={{ product: p._id, kind: undefined, from: undefined, to: undefined }}
                  className="button button--small button--ghost"
                >
                  History<span className="sr-only"> of {p.name}</span>
                </Link>
              </div>
            </td>
          </LiveRow>
        ))}
      </tbody>
    </table>
  );
}
