// Zod schemas of every action's form input, shared by the forms (react-hook-form resolvers)
// and the offline queue. They mirror the server's checks so most mistakes are caught before
// sending; the server stays the authority (its 400/409 messages are shown as they come).
import { z } from "zod";

const id = z.string().min(1, "Required");
const minorUnits = z.number({ invalid_type_error: "Enter an amount" }).int().min(0, "Must be 0 or more");

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address"),
  password: z.string().min(1, "Enter your password"),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const billLineSchema = z.object({
  productId: id,
  quantity: z.number({ invalid_type_error: "Enter a quantity" }).int("Whole units only").positive("At least 1"),
  discountRate: z.number().int().min(0).max(10000).optional(),
});

export const createBillSchema = z.object({
  customerId: z.string().min(1, "Choose a customer"),
  items: z.array(billLineSchema).min(1, "Add at least one product"),
  dueDate: z.string().optional(),
  taxRate: z.number().int().min(0).max(10000).optional(),
});
export type CreateBillInput = z.infer<typeof createBillSchema>;

export const paymentMethods = ["cash", "card", "bank_transfer", "other"] as const;

export const paymentSchema = z.object({
  amount: minorUnits.positive("Must be more than 0"),
  method: z.enum(paymentMethods),
});
export type PaymentInput = z.infer<typeof paymentSchema>;

export const cancelBillSchema = z.object({
  reason: z.string().trim().min(1, "Say why the bill is cancelled").max(500),
});
export type CancelBillInput = z.infer<typeof cancelBillSchema>;

export const stockAdjustmentSchema = z
  .object({
    productId: id,
    delta: z.number({ invalid_type_error: "Enter a number" }).int("Whole units only").refine((n) => n !== 0, "Cannot be 0"),
    kind: z.enum(["restock", "adjustment"]),
    reason: z.string().trim().min(1, "Give a reason").max(500),
  })
  .refine((v) => v.kind !== "restock" || v.delta > 0, { message: "A restock adds units: use an adjustment to remove", path: ["delta"] });
export type StockAdjustmentInput = z.infer<typeof stockAdjustmentSchema>;

export const productSchema = z.object({
  name: z.string().trim().min(1, "Required").max(200),
  sku: z.string().trim().min(1, "Required").max(64),
  category: z.string().trim().min(1, "Required").max(100),
  description: z.string().max(2000).optional(),
  price: minorUnits,
  stock: z.number().int().min(0),
  lowStockThreshold: z.number().int().min(0),
  active: z.boolean(),
});
export type ProductInput = z.infer<typeof productSchema>;

/** What PATCH /products/{id} accepts: everything but the SKU and the stock (stock moves only by actions). */
export const productChangesSchema = productSchema.omit({ sku: true, stock: true });
export type ProductChangesInput = z.infer<typeof productChangesSchema>;
