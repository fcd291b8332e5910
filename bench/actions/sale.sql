-- The shop's sale in PostgreSQL, for bench/actions/run.sh: the same work as POST /api/v1/bills
-- (next gap-free bill number, stock check and decrement per line, one sale row per line, line
-- totals and tax rounded half to even in integers, the bill with its lines, one event), in one
-- function = one transaction per bill.
CREATE TABLE products (id text PRIMARY KEY, name text NOT NULL, sku text UNIQUE NOT NULL,
                       price bigint NOT NULL, stock bigint NOT NULL CHECK (stock >= 0));
CREATE TABLE counters (name text PRIMARY KEY, last bigint NOT NULL);
INSERT INTO counters VALUES ('bills', 0);
CREATE TABLE bills (id bigserial PRIMARY KEY, bill_number text UNIQUE NOT NULL, customer text NOT NULL,
                    items jsonb NOT NULL, subtotal bigint NOT NULL, tax_rate int NOT NULL, tax bigint NOT NULL,
                    total bigint NOT NULL, amount_paid bigint NOT NULL DEFAULT 0, status text NOT NULL,
                    due_date timestamptz NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE stock_transactions (id bigserial PRIMARY KEY, product text NOT NULL REFERENCES products,
                                 kind text NOT NULL, quantity bigint NOT NULL, stock_before bigint NOT NULL,
                                 stock_after bigint NOT NULL, bill bigint REFERENCES bills,
                                 at timestamptz NOT NULL DEFAULT now());
CREATE TABLE shop_events (id bigserial PRIMARY KEY, kind text NOT NULL, subjects text[] NOT NULL,
                          message text NOT NULL, at timestamptz NOT NULL DEFAULT now());

-- round(n / d) half to even, for n ≥ 0, d > 0.
CREATE FUNCTION div_half_even(n numeric, d numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN 2 * (n - q * d) > d OR (2 * (n - q * d) = d AND q % 2 = 1) THEN q + 1 ELSE q END::bigint
  FROM (SELECT trunc(n / d) AS q) t
$$;

CREATE FUNCTION sale(customer_id text, p1 text, p2 text, p3 text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  number bigint;
  bill_id bigint;
  product record;
  lines jsonb := '[]'::jsonb;
  sum_lines bigint := 0;
  line bigint;
  tax_amount bigint;
  pid text;
BEGIN
  UPDATE counters SET last = last + 1 WHERE name = 'bills' RETURNING last INTO number;
  INSERT INTO bills (bill_number, customer, items, subtotal, tax_rate, tax, total, status, due_date)
    VALUES ('INV-' || lpad(number::text, 6, '0'), customer_id, '[]', 0, 825, 0, 0, 'pending',
            now() + interval '14 days')
    RETURNING id INTO bill_id;
  FOREACH pid IN ARRAY ARRAY[p1, p2, p3] LOOP
    UPDATE products SET stock = stock - 1 WHERE id = pid AND stock >= 1
      RETURNING id, name, sku, price, stock INTO product;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'Not enough stock for %', pid;
    END IF;
    line := div_half_even(product.price * 10000, 10000);
    sum_lines := sum_lines + line;
    lines := lines || jsonb_build_object('product', product.id, 'name', product.name, 'sku', product.sku,
                                         'quantity', 1, 'unitPrice', product.price, 'lineTotal', line);
    INSERT INTO stock_transactions (product, kind, quantity, stock_before, stock_after, bill)
      VALUES (product.id, 'sale', -1, product.stock + 1, product.stock, bill_id);
  END LOOP;
  tax_amount := div_half_even(sum_lines * 825, 10000);
  UPDATE bills SET items = lines, subtotal = sum_lines, tax = tax_amount, total = sum_lines + tax_amount
    WHERE id = bill_id;
  INSERT INTO shop_events (kind, subjects, message)
    VALUES ('bill.created', ARRAY[bill_id::text, customer_id, p1, p2, p3], 'Bill INV-' || number || ' created');
  RETURN 'INV-' || lpad(number::text, 6, '0');
END
$$;
