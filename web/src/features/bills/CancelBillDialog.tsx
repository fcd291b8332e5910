// Cancels an unpaid bill with a reason; the server restores its stock.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog } from "@/components/Dialog";
import { Field } from "@/components/Field";
import { actionErrorMessage } from "@/lib/actionError";
import { cancelBillSchema, type CancelBillInput } from "@/lib/schemas";
import { useCancelBill } from "./api";
import type { BillSummary } from "./model";

interface Props {
  bill: BillSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function CancelBillDialog({ bill, open, onOpenChange }: Props) {
  const cancel = useCancelBill();
  const form = useForm<CancelBillInput>({ resolver: zodResolver(cancelBillSchema), defaultValues: { reason: "" } });
  const onSubmit = form.handleSubmit(({ reason }) =>
    cancel.mutate(
      { billId: bill._id, billNumber: bill.billNumber, reason },
      {
        onSuccess: (outcome) => {
          if (outcome.status === "done") toast.success(`${bill.billNumber} cancelled; stock restored`);
          onOpenChange(false);
        },
      },
    ),
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Cancel ${bill.billNumber}?`} description="The bill stays, marked cancelled, and its stock goes back on the shelf.">
      <form onSubmit={onSubmit} noValidate className="form">
        <Field label="Reason" error={form.formState.errors.reason?.message}>
          <textarea rows={3} {...form.register("reason")} />
        </Field>
        {cancel.error && (
          <p className="alert alert--danger" role="alert">
            {actionErrorMessage(cancel.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--danger" disabled={cancel.isPending}>
            {cancel.isPending ? "Cancelling…" : "Cancel bill"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
