// The one HTTP client of the web app: every endpoint path lives here. Requests go to the same
// origin with the session cookie; state-changing ones carry the CSRF token from login.
import type { Bill, PaymentMethod, Product, StockTransaction, User } from "./types";

export const DATASET = "production";
export const API_VERSION = "v1";

export const paths = {
  query: `/${API_VERSION}/data/query/${DATASET}`,
  listen: `/${API_VERSION}/data/listen/${DATASET}`,
  login: "/api/v1/auth/login",
  logout: "/api/v1/auth/logout",
  me: "/api/v1/auth/me",
  products: "/api/v1/products",
  product: (id: string) => `/api/v1/products/${encodeURIComponent(id)}`,
  stockAdjustments: "/api/v1/stock-adjustments",
  bills: "/api/v1/bills",
  billPayments: (id: string) => `/api/v1/bills/${encodeURIComponent(id)}/payments`,
  billCancel: (id: string) => `/api/v1/bills/${encodeURIComponent(id)}/cancel`,
  dashboardStats: "/api/v1/stats/dashboard",
  billsCsv: "/api/v1/exports/bills.csv",
  stockLedgerCsv: (filter: { from?: string | undefined; to?: string | undefined; product?: string | undefined } = {}) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) search.set(key, value);
    const query = search.toString();
    return `/api/v1/exports/stock-ledger.csv${query ? `?${query}` : ""}`;
  },
} as const;

/** A failed request: the HTTP status (0 when the network failed) and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
  /** True when the request never reached the server (offline, connection refused). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
  /** True for a refusal that retrying the same request will not change (4xx). */
  get isRefusal(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

const CSRF_STORAGE_KEY = "ledgerline.csrf";

/** The CSRF token from login, kept for the origin (every tab and window of the same session). */
export const csrf = {
  get(): string | null {
    try {
      return localStorage.getItem(CSRF_STORAGE_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) localStorage.setItem(CSRF_STORAGE_KEY, token);
      else localStorage.removeItem(CSRF_STORAGE_KEY);
    } catch {
      /* storage unavailable: the token lives only as long as the request */
    }
  },
};

interface ErrorBody {
  error?: { description?: string; type?: string } | string;
  message?: string;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  let type: string | undefined;
  try {
    const body = (await response.json()) as ErrorBody;
    if (typeof body.error === "object") {
      message = body.error.description ?? message;
      type = body.error.type;
    } else if (typeof body.message === "string") {
      message = body.message;
    }
  } catch {
    /* not JSON: keep the status line */
  }
  return new ApiError(response.status, message, type);
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** Sends one request and parses the JSON answer; throws ApiError on any failure. */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const token = csrf.get();
    if (token) headers["X-CSRF-Token"] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: "include",
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "Cannot reach the server");
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  // A server without this endpoint may answer an API path with the web app's index.html.
  if (!(response.headers.get("Content-Type") ?? "").includes("json")) {
    throw new ApiError(404, `${path.split("?")[0] ?? path} is not available on this server`, "notFound");
  }
  return (await response.json()) as T;
}

/** Runs a GROQ query with `$`-parameters (JSON-encoded as the data API wants) → its result. */
export async function groq<T>(query: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const search = new URLSearchParams({ query, returnQuery: "false" });
  for (const [name, value] of Object.entries(params)) search.set(`$${name}`, JSON.stringify(value));
  const body = await request<{ result: T }>("GET", `${paths.query}?${search.toString()}`, undefined, signal);
  return body.result;
}

// ---- application API (the shop's actions; contract in the interfaces spec) -----------------

export interface LoginAnswer {
  user: User;
  token: string;
}

export interface CreateBillBody {
  customerId: string;
  items: { productId: string; quantity: number; discountRate?: number }[];
  dueDate?: string;
  taxRate?: number;
  idempotencyKey?: string;
}

export interface PaymentBody {
  amount: number;
  method?: PaymentMethod;
  idempotencyKey: string;
}

export interface CreateProductBody {
  name: string;
  sku: string;
  category: string;
  price: number;
  stock: number;
  lowStockThreshold: number;
  active: boolean;
  description?: string;
}

export type UpdateProductBody = Partial<
  Pick<Product, "name" | "price" | "category" | "description" | "lowStockThreshold" | "active">
>;

export interface StockAdjustmentBody {
  productId: string;
  delta: number;
  kind: "restock" | "adjustment";
  reason: string;
}

/** Figures for the dashboards (the server's `/stats/dashboard`; fields may grow). */
export interface DashboardStats {
  counts?: Partial<Record<string, number>>;
  revenue?: number;
  outstanding?: number;
  currency?: string;
  lowStock?: Pick<Product, "_id" | "name" | "stock" | "lowStockThreshold">[];
}

/** What POST /api/v1/stock-adjustments answers: the product, plus the ledger row it wrote. */
export type StockAdjustmentAnswer = Product & { stockTransaction: StockTransaction };

export const api = {
  login: (email: string, password: string) => request<LoginAnswer>("POST", paths.login, { email, password }),
  logout: () => request<unknown>("POST", paths.logout, {}),
  me: (signal?: AbortSignal) => request<{ user: User; token?: string }>("GET", paths.me, undefined, signal),
  createProduct: (body: CreateProductBody) => request<Product>("POST", paths.products, body),
  updateProduct: (id: string, body: UpdateProductBody) => request<Product>("PATCH", paths.product(id), body),
  adjustStock: (body: StockAdjustmentBody) => request<StockAdjustmentAnswer>("POST", paths.stockAdjustments, body),
  createBill: (body: CreateBillBody) => request<Bill>("POST", paths.bills, body),
  recordPayment: (billId: string, body: PaymentBody) => request<Bill>("POST", paths.billPayments(billId), body),
  cancelBill: (billId: string, reason: string) => request<Bill>("POST", paths.billCancel(billId), { reason }),
  dashboardStats: (signal?: AbortSignal) => request<DashboardStats>("GET", paths.dashboardStats, undefined, signal),
};
