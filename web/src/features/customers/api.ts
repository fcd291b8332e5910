// Customers with their bill counts and outstanding amounts.
import { useQuery } from "@tanstack/react-query";
import { groq } from "@/lib/api";
import { queryKeys } from "@/lib/queryKeys";

export interface CustomerRow {
  _id: string;
  name: string;
  email: string;
  active: boolean;
  billCount: number;
  openCount: number;
  outstanding: number;
}

export function useCustomers() {
  return useQuery({
    queryKey: queryKeys.docs("user", "customers"),
    queryFn: ({ signal }) =>
      groq<CustomerRow[]>(
        `*[_type == "user" && role == "customer"] | order(name asc){
          _id, name, email, active,
          "billCount": count(*[_type == "bill" && customer._ref == ^._id]),
          "openCount": count(*[_type == "bill" && customer._ref == ^._id && status in ["pending", "partially_paid"]]),
          "outstanding": math::sum(*[_type == "bill" && customer._ref == ^._id && status in ["pending", "partially_paid"]].total)
                       - math::sum(*[_type == "bill" && customer._ref == ^._id && status in ["pending", "partially_paid"]].amountPaid)
        }`,
        {},
        signal,
      ),
  });
}
