// The live demo: make test data with one click, watch the customer's view update beside it,
// open another window, and cut the connection to watch it come back (with replay).
import { useState } from "react";
import { toast } from "sonner";
import { PageHeader } from "@/components/PageHeader";
import { useAdminBills, useCustomerOptions } from "@/features/bills";
import { useProducts } from "@/features/inventory";
import { useConnectionStatus, useRealtime, useRealtimeSync } from "@/features/realtime";
import { actionErrorMessage } from "@/lib/actionError";
import { describeAction, type Action } from "@/lib/actions";
import { performAction } from "@/lib/offlineQueue";
import { billAction, paymentAction, restockAction } from "./scenarios";
import { useEventLog } from "./useEventLog";

export function RealtimeDemoPage() {
  useRealtimeSync();
  const { connection } = useRealtime();
  const status = useConnectionStatus();
  const customers = useCustomerOptions();
  const products = useProducts();
  const bills = useAdminBills();
  const events = useEventLog();
  const [previewId, setPreviewId] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const customerId = previewId || customers.data?.[0]?._id || "";

  async function run(make: () => Action | string, times = 1) {
    setBusy(true);
    try {
      for (let i = 0; i < times; i += 1) {
        const action = make();
        if (typeof action === "string") {
          toast.warning(action);
          return;
        }
        try {
          await performAction(action);
        } catch (error) {
          toast.error(`${describeAction(action)} refused`, { description: actionErrorMessage(error) });
        }
      }
    } finally {
      setBusy(false);
    }
  }

  const c = customers.data ?? [];
  const p = products.data ?? [];
  const b = bills.data ?? [];
  return (
    <>
      <PageHeader title="Live demo" subtitle="Make changes here; watch every open window follow." />
      <div className="demo">
        <section className="panel" aria-labelledby="make-title">
          <h2 id="make-title">Create test data</h2>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => billAction(c, p))}>
              New bill
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => paymentAction(b))}>
              Record a payment
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => restockAction(p))}>
              Restock a product
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => billAction(c, p), 5)}>
              Burst: 5 bills
            </button>
          </div>
          <h2>Connection</h2>
          <p>
            Status: <strong>{status.status}</strong>
            {status.latencyMs !== null && ` · last event ${status.latencyMs} ms after its commit`} · {status.reconnects} reconnect
            {status.reconnects === 1 ? "" : "s"}
          </p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => connection.simulateOutage(10_000)} disabled={status.simulatedUntil !== null}>
              Simulate connection loss (10 s)
            </button>
            <button type="button" className="button button--ghost" onClick={() => connection.reconnectNow()}>
              Reconnect now
            </button>
            <button type="button" className="button button--ghost" onClick={() => window.open("/admin/dashboard", "_blank", "width=1100,height=800")}>
              Open another window
            </button>
          </div>
          <h2>Events received</h2>
          {events.length === 0 ? (
            <p className="muted">None yet — make a change.</p>
          ) : (
            <ol className="event-log" aria-live="off" aria-label="Events received" tabIndex={0}>
              {events.map((e) => (
                <li key={e.key}>
                  <code>{e.type}</code> {e.transition} <span className="muted">{e.documentId.slice(0, 12)} · {e.latencyMs} ms</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="panel" aria-labelledby="preview-title">
          <div className="panel__head">
            <h2 id="preview-title">Customer view</h2>
            <label>
              <span className="sr-only">Customer to preview</span>
              <select value={customerId} onChange={(e) => setPreviewId(e.target.value)}>
                {c.map((x) => (
                  <option key={x._id} value={x._id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {customerId && (
            <iframe
              className="demo__frame"
              title="The customer's bills, as they see them"
              src={`/customer/bills?as=${encodeURIComponent(customerId)}&embed=1`}
            />
          )}
        </section>
      </div>
    </>
  );
}
