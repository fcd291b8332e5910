// The message to show for a failed action: the server's own words for a refusal.
import { ApiError } from "@/lib/api";

export function actionErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404 && error.message.includes("404")) return "The server does not offer this action yet.";
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong";
}
