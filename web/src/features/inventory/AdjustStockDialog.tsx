// Restock or adjust one product's stock (the server refuses going below zero).
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog } from "@/components/Dialog";
import { Field } from "@/components/Field";
import { actionErrorMessage } from "@/lib/actionError";
import { stockAdjustmentSchema, type StockAdjustmentInput } from "@/lib/schemas";
import { useAdjustStock } from "./api";
import type { ProductRow } from "./model";

interface Props {
  product: ProductRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function AdjustStockDialog({ product, open, onOpenChange }: Props) {
  const adjust = useAdjustStock();
  const form = useForm<StockAdjustmentInput>({
    resolver: zodResolver(stockAdjustmentSchema),
    defaultValues: { productId: product._id, delta: Math.max(product.lowStockThreshold * 2, 10), kind: "restock", reason: "Delivery" },
  });
  const onSubmit = form.handleSubmit((body) =>
    adjust.mutate(
      { productName: product.name, body },
      {
        onSuccess: (outcome) => {
          if (outcome.status === "done") toast.success(`Stock of ${product.name} updated`);
          onOpenChange(false);
        },
      },
    ),
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Stock of ${product.name}`} description={`Now ${product.stock} in stock (low at ${product.lowStockThreshold}).`}>
      <form onSubmit={onSubmit} noValidate className="form">
        <Field label="Kind" error={form.formState.errors.kind?.message}>
          <select {...form.register("kind")}>
            <option value="restock">Restock (units arrived)</option>
            <option value="adjustment">Adjustment (count correction, damage)</option>
          </select>
        </Field>
        <Field label="Change in units" hint="Negative to remove units" error={form.formState.errors.delta?.message}>
          <input type="number" step={1} inputMode="numeric" {...form.register("delta", { valueAsNumber: true })} />
        </Field>
        <Field label="Reason" error={form.formState.errors.reason?.message}>
          <input {...form.register("reason")} />
        </Field>
        {adjust.error && (
          <p className="alert alert--danger" role="alert">
            {actionErrorMessage(adjust.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={adjust.isPending}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
