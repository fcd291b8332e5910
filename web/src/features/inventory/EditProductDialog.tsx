// Edits a product's name, category, price, threshold and whether it is sold (never its stock).
import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog } from "@/components/Dialog";
import { Field } from "@/components/Field";
import { actionErrorMessage } from "@/lib/actionError";
import { minorDigits, parseMoney } from "@/lib/money";
import { productChangesSchema, type ProductChangesInput } from "@/lib/schemas";
import { useUpdateProduct } from "./api";
import type { ProductRow } from "./model";

interface Props {
  product: ProductRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function EditProductDialog({ product, open, onOpenChange }: Props) {
  const update = useUpdateProduct();
  const currency = product.currency ?? "USD";
  const digits = minorDigits(currency);
  const form = useForm<ProductChangesInput>({
    resolver: zodResolver(productChangesSchema),
    defaultValues: {
      name: product.name,
      category: product.category,
      price: product.price,
      lowStockThreshold: product.lowStockThreshold,
      active: product.active,
    },
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((body) =>
    update.mutate(
      { id: product._id, body },
      {
        onSuccess: (outcome) => {
          if (outcome.status === "done") toast.success(`${body.name} saved`);
          onOpenChange(false);
        },
      },
    ),
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Edit ${product.name}`} description={`SKU ${product.sku}. Stock changes go through Stock.`}>
      <form onSubmit={onSubmit} noValidate className="form form--grid">
        <Field label="Name" error={errors.name?.message}>
          <input {...form.register("name")} />
        </Field>
        <Field label="Category" error={errors.category?.message}>
          <input {...form.register("category")} />
        </Field>
        <Controller
          control={form.control}
          name="price"
          render={({ field, fieldState }) => (
            <Field label={`Price (${currency})`} error={fieldState.error?.message}>
              <input
                inputMode="decimal"
                defaultValue={(field.value / 10 ** digits).toFixed(digits)}
                onChange={(e) => field.onChange(parseMoney(e.target.value, currency) ?? Number.NaN)}
                onBlur={field.onBlur}
              />
            </Field>
          )}
        />
        <Field label="Low-stock threshold" error={errors.lowStockThreshold?.message}>
          <input type="number" min={0} step={1} {...form.register("lowStockThreshold", { valueAsNumber: true })} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" {...form.register("active")} /> Active (can be sold)
        </label>
        {update.error && (
          <p className="alert alert--danger" role="alert">
            {actionErrorMessage(update.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
