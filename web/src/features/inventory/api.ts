// Product and stock-ledger reads (GROQ) and the stock/product actions.
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  groq,
  type CreateProductBody,
  type StockAdjustmentAnswer,
  type StockAdjustmentBody,
  type UpdateProductBody,
} from "@/lib/api";
import { performAction } from "@/lib/offlineQueue";
import { queryKeys } from "@/lib/queryKeys";
import type { Product } from "@/lib/types";
import type { LedgerRow, ProductRow } from "./model";

export function useProducts() {
  return useQuery({
    queryKey: queryKeys.docs("product", "list"),
    queryFn: ({ signal }) =>
      groq<ProductRow[]>(
        `*[_type == "product"] | order(name asc){_id, name, sku, category, price, stock, lowStockThreshold, active, currency}`,
        {},
        signal,
      ),
  });
}

export interface LedgerFilter {
  product?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined; // YYYY-MM-DD
  to?: string | undefined; // YYYY-MM-DD, inclusive
}

export function useStockLedger(filter: LedgerFilter) {
  const params = {
    product: filter.product ?? "",
    kind: filter.kind ?? "",
    from: filter.from ? `${filter.from}T00:00:00Z` : "",
    to: filter.to ? `${filter.to}T23:59:59.999Z` : "",
  };
  return useQuery({
    queryKey: queryKeys.docs("stockTransaction", "ledger", params),
    queryFn: ({ signal }) =>
      groq<LedgerRow[]>(
        `*[_type == "stockTransaction"
            && ($product == "" || product._ref == $product)
            && ($kind == "" || kind == $kind)
            && ($from == "" || _createdAt >= $from)
            && ($to == "" || _createdAt <= $to)]
          | order(_createdAt desc) [0...500]
          {_id, _createdAt, kind, quantity, stockBefore, stockAfter, reason,
           "productId": product._ref, "productName": product->name,
           "actorName": actor->name, "billNumber": bill->billNumber}`,
        params,
        signal,
      ),
  });
}

export function useAdjustStock() {
  return useMutation({
    mutationFn: (input: { productName: string; body: StockAdjustmentBody }) =>
      performAction<StockAdjustmentAnswer>({ kind: "adjustStock", ...input }),
  });
}

export function useCreateProduct() {
  return useMutation({
    mutationFn: (body: CreateProductBody) => performAction<Product>({ kind: "createProduct", body }),
  });
}

export function useUpdateProduct() {
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateProductBody }) => performAction<Product>({ kind: "updateProduct", ...input }),
  });
}
