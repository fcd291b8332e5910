// Records a payment on a bill. The idempotency key is made once per opened dialog, so a
// double submit or a retry after a dropped connection records one payment.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog } from "@/components/Dialog";
import { Field } from "@/components/Field";
import { actionErrorMessage } from "@/lib/actionError";
import { newIdempotencyKey } from "@/lib/ids";
import { formatMoney, minorDigits, parseMoney } from "@/lib/money";
import { paymentMethods, paymentSchema, type PaymentInput } from "@/lib/schemas";
import { useRecordPayment } from "./api";
import type { BillSummary } from "./model";

const METHOD_LABEL: Record<(typeof paymentMethods)[number], string> = {
  cash: "Cash",
  card: "Card",
  bank_transfer: "Bank transfer",
  other: "Other",
};

interface Props {
  bill: BillSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function PaymentDialog({ bill, open, onOpenChange }: Props) {
  const due = bill.total - bill.amountPaid;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const pay = useRecordPayment();
  const form = useForm<PaymentInput>({
    resolver: zodResolver(paymentSchema.refine((v) => v.amount <= due, { message: `At most ${formatMoney(due, bill.currency)}`, path: ["amount"] })),
    defaultValues: { amount: due, method: "card" },
  });
  const digits = minorDigits(bill.currency);

  const onSubmit = form.handleSubmit((values) =>
    pay.mutate(
      { billId: bill._id, billNumber: bill.billNumber, ...values, idempotencyKey },
      {
        onSuccess: (outcome) => {
          if (outcome.status === "done") toast.success(`Payment recorded on ${bill.billNumber}`);
          onOpenChange(false);
        },
      },
    ),
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Record a payment on ${bill.billNumber}`} description={`Outstanding: ${formatMoney(due, bill.currency)}`}>
      <form onSubmit={onSubmit} noValidate className="form">
        <Controller
          control={form.control}
          name="amount"
          render={({ field, fieldState }) => (
            <Field label={`Amount (${bill.currency})`} error={fieldState.error?.message}>
              <input
                inputMode="decimal"
                defaultValue={(field.value / 10 ** digits).toFixed(digits)}
                onChange={(e) => field.onChange(parseMoney(e.target.value, bill.currency) ?? Number.NaN)}
                onBlur={field.onBlur}
              />
            </Field>
          )}
        />
        <Field label="Method" error={form.formState.errors.method?.message}>
          <select {...form.register("method")}>
            {paymentMethods.map((method) => (
              <option key={method} value={method}>
                {METHOD_LABEL[method]}
              </option>
            ))}
          </select>
        </Field>
        {pay.error && (
          <p className="alert alert--danger" role="alert">
            {actionErrorMessage(pay.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pay.isPending}>
            {pay.isPending ? "Recording…" : "Record payment"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
