// Low-stock and out-of-stock products, as a list of alerts with their levels.
import { Link } from "@tanstack/react-router";
import { StockBar } from "@/components/StockBar";
import { stockAlerts, stockLevel, type ProductRow } from "./model";

export function StockAlerts({ products, limit = 8 }: { products: readonly ProductRow[]; limit?: number }) {
  const alerts = stockAlerts(products);
  if (alerts.length === 0) return <p className="muted">Every product is above its low-stock threshold.</p>;
  return (
    <ul className="alert-list" aria-label="Stock alerts">
      {alerts.slice(0, limit).map((product) => (
        <li key={product._id} className={`alert-list__item alert-list__item--${stockLevel(product)}`}>
          <span className="alert-list__name">
            <strong>{stockLevel(product) === "out" ? "Out of stock" : "Low stock"}:</strong> {product.name}
          </span>
          <StockBar stock={product.stock} threshold={product.lowStockThreshold} />
        </li>
      ))}
      {alerts.length > limit && (
        <li className="muted">
          and {alerts.length - limit} more — <Link to="/admin/inventory">see inventory</Link>
        </li>
      )}
    </ul>
  );
}
