// Creates a product (its initial stock is written as a restock by the server).
import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog } from "@/components/Dialog";
import { Field } from "@/components/Field";
import { actionErrorMessage } from "@/lib/actionError";
import { parseMoney } from "@/lib/money";
import { productSchema, type ProductInput } from "@/lib/schemas";
import { useCreateProduct } from "./api";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ProductDialog({ open, onOpenChange }: Props) {
  const create = useCreateProduct();
  const form = useForm<ProductInput>({
    resolver: zodResolver(productSchema),
    defaultValues: { name: "", sku: "", category: "", description: "", price: 0, stock: 0, lowStockThreshold: 5, active: true },
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((body) =>
    create.mutate(body, {
      onSuccess: (outcome) => {
        if (outcome.status === "done") toast.success(`Product ${outcome.result.name} created`);
        onOpenChange(false);
      },
    }),
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New product">
      <form onSubmit={onSubmit} noValidate className="form form--grid">
        <Field label="Name" error={errors.name?.message}>
          <input {...form.register("name")} />
        </Field>
        <Field label="SKU" error={errors.sku?.message}>
          <input {...form.register("sku")} />
        </Field>
        <Field label="Category" error={errors.category?.message}>
          <input {...form.register("category")} />
        </Field>
        <Controller
          control={form.control}
          name="price"
          render={({ field, fieldState }) => (
            <Field label="Price (USD)" error={fieldState.error?.message}>
              <input inputMode="decimal" placeholder="0.00" onChange={(e) => field.onChange(parseMoney(e.target.value) ?? Number.NaN)} onBlur={field.onBlur} />
            </Field>
          )}
        />
        <Field label="Initial stock" error={errors.stock?.message}>
          <input type="number" min={0} step={1} {...form.register("stock", { valueAsNumber: true })} />
        </Field>
        <Field label="Low-stock threshold" error={errors.lowStockThreshold?.message}>
          <input type="number" min={0} step={1} {...form.register("lowStockThreshold", { valueAsNumber: true })} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <textarea rows={2} {...form.register("description")} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" {...form.register("active")} /> Active (can be sold)
        </label>
        {create.error && (
          <p className="alert alert--danger" role="alert">
            {actionErrorMessage(create.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Create product
          </button>
        </div>
      </form>
    </Dialog>
  );
}
