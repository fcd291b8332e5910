// Creates a bill: a customer and product lines, picked from a list whose stock updates live.
// The idempotency key is fixed for the opened dialog, so resubmitting never bills twice.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Dialog } from "@/components/Dialog";
import { Field } from "@/components/Field";
import { useProducts, type ProductRow } from "@/features/inventory";
import { actionErrorMessage } from "@/lib/actionError";
import { newIdempotencyKey } from "@/lib/ids";
import { formatMoney } from "@/lib/money";
import { createBillSchema, type CreateBillInput } from "@/lib/schemas";
import { useCreateBill, useCustomerOptions } from "./api";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

function optionLabel(product: ProductRow): string {
  const stock = product.stock <= 0 ? "out of stock" : `${product.stock} in stock`;
  return `${product.name} — ${formatMoney(product.price, product.currency ?? "USD")} (${stock})`;
}

export function CreateBillDialog({ open, onOpenChange }: Props) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const customers = useCustomerOptions();
  const products = useProducts();
  const create = useCreateBill();
  const form = useForm<CreateBillInput>({
    resolver: zodResolver(createBillSchema),
    defaultValues: { customerId: "", items: [{ productId: "", quantity: 1 }] },
  });
  const lines = useFieldArray({ control: form.control, name: "items" });
  const items = useWatch({ control: form.control, name: "items" });
  const byId = new Map((products.data ?? []).map((p) => [p._id, p]));
  const sellable = (products.data ?? []).filter((p) => p.active);

  const onSubmit = form.handleSubmit((values) =>
    create.mutate(
      { ...values, idempotencyKey },
      {
        onSuccess: (outcome) => {
          if (outcome.status === "done") toast.success(`Bill ${outcome.result.billNumber} created`);
          onOpenChange(false);
        },
      },
    ),
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New bill" description="Stock shown is live; the server checks it again when the bill is created.">
      <form onSubmit={onSubmit} noValidate className="form">
        <Field label="Customer" error={form.formState.errors.customerId?.message}>
          <select {...form.register("customerId")}>
            <option value="">Choose a customer…</option>
            {(customers.data ?? []).map((c) => (
              <option key={c._id} value={c._id}>
                {c.name} ({c.email})
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="lines">
          <legend>Products</legend>
          {lines.fields.map((line, index) => {
            const product = byId.get(items[index]?.productId ?? "");
            const quantity = items[index]?.quantity ?? 0;
            const short = product !== undefined && quantity > product.stock;
            const errors = form.formState.errors.items?.[index];
            return (
              <div key={line.id} className="line">
                <Field label={`Product ${index + 1}`} error={errors?.productId?.message}>
                  <select {...form.register(`items.${index}.productId`)}>
                    <option value="">Choose a product…</option>
                    {sellable.map((p) => (
                      <option key={p._id} value={p._id} disabled={p.stock <= 0}>
                        {optionLabel(p)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  label="Quantity"
                  error={errors?.quantity?.message ?? (short ? `Only ${product.stock} in stock` : undefined)}
                >
                  <input type="number" min={1} step={1} inputMode="numeric" {...form.register(`items.${index}.quantity`, { valueAsNumber: true })} />
                </Field>
                {lines.fields.length > 1 && (
                  <button type="button" className="button button--small button--ghost" onClick={() => lines.remove(index)}>
                    Remove<span className="sr-only"> product {index + 1}</span>
                  </button>
                )}
              </div>
            );
          })}
          {form.formState.errors.items?.root?.message && <p className="field__error">{form.formState.errors.items.root.message}</p>}
          <button type="button" className="button button--small" onClick={() => lines.append({ productId: "", quantity: 1 })}>
            Add a product
          </button>
        </fieldset>
        <Field label="Due date (optional)" hint="Defaults to 14 days from today">
          <input type="date" {...form.register("dueDate", { setValueAs: (v: string) => (v ? `${v}T23:59:59Z` : undefined) })} />
        </Field>
        {create.error && (
          <p className="alert alert--danger" role="alert">
            {actionErrorMessage(create.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create bill"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
