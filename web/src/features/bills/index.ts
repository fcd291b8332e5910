// The bills feature's public surface (used by the dashboard and the live demo).
export { useAdminBills, useCustomerOptions } from "./api";
export { BillActions } from "./BillActions";
export { BillsTable } from "./BillsTable";
export { canCancel, canRecordPayment, outstanding, type BillSummary } from "./model";
