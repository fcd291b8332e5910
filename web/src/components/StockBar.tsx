// Stock level as a bar against the low-stock threshold (full bar = 3 × threshold), with text.
interface Props {
  stock: number;
  threshold: number;
}

export function StockBar({ stock, threshold }: Props) {
  const scale = Math.max(threshold * 3, 1);
  const percent = Math.min(100, Math.round((stock / scale) * 100));
  const tone = stock === 0 ? "out" : stock <= threshold ? "low" : "ok";
  const label = stock === 0 ? "Out of stock" : stock <= threshold ? "Low" : "In stock";
  return (
    <div className={`stock-bar stock-bar--${tone}`}>
      <div
        className="stock-bar__track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={scale}
        aria-valuenow={stock}
        aria-label={`${stock} in stock, threshold ${threshold}`}
      >
        <div className="stock-bar__fill" style={{ width: `${percent}%` }} />
        <div className="stock-bar__threshold" style={{ left: `${Math.round((threshold / scale) * 100)}%` }} />
      </div>
      <span className="stock-bar__text">
        {stock} · {label}
      </span>
    </div>
  );
}
