// Sign in with email and password; then to the page asked for, or the role's home.
import { zodResolver } from "@hookform/resolvers/zod";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { Field } from "@/components/Field";
import { ThemeToggle } from "@/components/ThemeToggle";
import { ApiError } from "@/lib/api";
import { loginSchema, type LoginInput } from "@/lib/schemas";
import { homeFor, useLogin } from "./api";

const route = getRouteApi("/login");

function loginErrorMessage(error: Error): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Wrong email or password.";
    if (error.status === 404) return "This server has no sign-in endpoint yet.";
    if (error.isNetwork) return "Cannot reach the server. Check the connection and try again.";
  }
  return error.message;
}

export function LoginPage() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const login = useLogin();
  const form = useForm<LoginInput>({ resolver: zodResolver(loginSchema), defaultValues: { email: "", password: "" } });

  const onSubmit = form.handleSubmit((values) =>
    login.mutate(values, {
      onSuccess: ({ user }) => {
        const target = redirect && (user.role === "admin" || redirect.startsWith("/customer")) ? redirect : homeFor(user);
        void navigate({ href: target, replace: true });
      },
    }),
  );

  return (
    <main id="main" className="login">
      <div className="login__card">
        <div className="login__top">
          <h1>Ledgerline</h1>
          <ThemeToggle />
        </div>
        <p className="muted">Sign in to see bills and stock as they change.</p>
        <form onSubmit={onSubmit} noValidate>
          <Field label="Email" error={form.formState.errors.email?.message}>
            <input type="email" autoComplete="username" inputMode="email" {...form.register("email")} />
          </Field>
          <Field label="Password" error={form.formState.errors.password?.message}>
            <input type="password" autoComplete="current-password" {...form.register("password")} />
          </Field>
          {login.error && (
            <p className="alert alert--danger" role="alert">
              {loginErrorMessage(login.error)}
            </p>
          )}
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
