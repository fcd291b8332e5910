// The signed-in user: `GET /auth/me` as a query (null when signed out), login and logout.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, csrf } from "@/lib/api";
import { queryKeys } from "@/lib/queryKeys";
import type { LoginInput } from "@/lib/schemas";
import type { User } from "@/lib/types";

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async ({ signal }): Promise<User | null> => {
    try {
      const answer = await api.me(signal);
      if (answer.token) csrf.set(answer.token);
      return answer.user;
    } catch (error) {
      // 401: signed out. 404: a server without the auth endpoints — nobody can sign in there.
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, password }: LoginInput) => api.login(email, password),
    onSuccess: ({ user, token }) => {
      csrf.set(token);
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.logout(),
    onSettled: () => {
      csrf.set(null);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

/** Where a user lands after signing in. */
export function homeFor(user: User): string {
  return user.role === "admin" ? "/admin/dashboard" : "/customer/bills";
}
