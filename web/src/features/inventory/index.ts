// The inventory feature's public surface (used by bills' product picker and the dashboard).
export { useProducts } from "./api";
export { stockAlerts, stockLevel, type ProductRow } from "./model";
export { StockAlerts } from "./StockAlerts";
