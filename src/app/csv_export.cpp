#include "app/csv_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "app/action_support.h"
#include "groq/datetime.h"
#include "util/time.h"

namespace ledgerline::app {

namespace {

constexpr std::int64_t kDayMicros = 24LL * 3600 * 1000 * 1000;

std::optional<std::int64_t> micros_of(std::string_view text) {
  auto millis = groq::parse_rfc3339(text);
  if (!millis) return std::nullopt;
  return static_cast<std::int64_t>(*millis) * 1000;
}

Result<std::optional<std::int64_t>> parse_bound(const std::string& text, const char* name,
                                                bool end_of_day) {
  if (text.empty()) return std::optional<std::int64_t>();
  if (text.size() == 10) {
    if (auto day = micros_of(text + "T00:00:00Z")) {
      return std::optional<std::int64_t>(end_of_day ? *day + kDayMicros - 1 : *day);
    }
  } else if (auto at = micros_of(text)) {
    return std::optional<std::int64_t>(*at);
  }
  return detail::bad_field(name, "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp");
}

std::string decimal(const Value& minor_units) {
  std::int64_t amount = static_cast<std::int64_t>(minor_units.as_number());
  std::string text = format_money(amount, "");
  return text.substr(0, text.size() - 1);  // drop the space before the (empty) currency
}

bool in_range(const CsvFilter& filter, std::string_view timestamp) {
  if (!filter.from_micros && !filter.to_micros) return true;
  auto at = micros_of(timestamp);
  if (!at) return false;
  return (!filter.from_micros || *at >= *filter.from_micros) &&
         (!filter.to_micros || *at <= *filter.to_micros);
}

// Rows chosen up front (cheap shared Values), formatted lazily.
class RowsExport : public CsvExport {
 public:
  using Format = std::function<void(std::string&, const Value&)>;
  RowsExport(std::shared_ptr<const groq::Dataset> snapshot, std::vector<Value> rows,
             std::string header, Format format)
      : snapshot_(std::move(snapshot)),
        rows_(std::move(rows)),
        header_(std::move(header)),
        format_(std::move(format)) {}

  bool next(std::string& out, std::size_t budget) override {
    std::size_t start = out.size();
    if (!header_done_) {
      out += header_;
      header_done_ = true;
    }
    while (index_ < rows_.size() && out.size() - start < budget) format_(out, rows_[index_++]);
    return index_ < rows_.size();
  }

 private:
  std::shared_ptr<const groq::Dataset> snapshot_;
  std::vector<Value> rows_;
  std::string header_;
  Format format_;
  std::size_t index_ = 0;
  bool header_done_ = false;
};

void field(std::string& out, std::string_view text, bool last = false) {
  append_csv_field(out, text);
  out += last ? "\r\n" : ",";
}

}  // namespace

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

Result<CsvFilter> parse_csv_filter(const std::string& from, const std::string& to,
                                   const std::string& product) {
  CsvFilter filter;
  auto lower = parse_bound(from, "from", false);
  if (!lower.ok()) return std::move(lower).error();
  auto upper = parse_bound(to, "to", true);
  if (!upper.ok()) return std::move(upper).error();
  filter.from_micros = *lower;
  filter.to_micros = *upper;
  filter.product_id = product;
  return filter;
}

std::unique_ptr<CsvExport> bills_csv(std::shared_ptr<const groq::Dataset> snapshot,
                                     CsvFilter filter, std::int64_t now_micros) {
  std::vector<Value> bills;
  snapshot->for_each_of_type("bill", [&](const Value& bill) {
    if (!in_range(filter, bill.get("issuedAt").as_string())) return true;
    if (!filter.product_id.empty()) {
      bool has = false;
      for (const Value& item : bill.get("items").as_array()) {
        has |= item.get("product").get("_ref").as_string() == filter.product_id;
      }
      if (!has) return true;
    }
    bills.push_back(bill);
    return true;
  });
  std::sort(bills.begin(), bills.end(), [](const Value& a, const Value& b) {
    return a.get("billNumber").as_string() < b.get("billNumber").as_string();
  });
  std::string now = format_rfc3339(now_micros);
  const groq::Dataset* documents = snapshot.get();
  return std::make_unique<RowsExport>(
      std::move(snapshot), std::move(bills),
      "billNumber,issuedAt,dueDate,customerId,customerName,customerEmail,status,overdue,"
      "currency,subtotal,tax,total,amountPaid,outstanding,lines,cancelledAt\r\n",
      [documents, now](std::string& out, const Value& bill) {
        std::string_view customer_id = bill.get("customer").get("_ref").as_string();
        const Value* customer = documents->get(customer_id);
        std::string_view status = bill.get("status").as_string();
        bool open = status == "pending" || status == "partially_paid";
        std::int64_t owed = static_cast<std::int64_t>(bill.get("total").as_number() -
                                                      bill.get("amountPaid").as_number());
        field(out, bill.get("billNumber").as_string());
        field(out, bill.get("issuedAt").as_string());
        field(out, bill.get("dueDate").as_string());
        field(out, customer_id);
        field(out, customer ? customer->get("name").as_string() : "");
        field(out, customer ? customer->get("email").as_string() : "");
        field(out, status);
        field(out, open && bill.get("dueDate").as_string() < std::string_view(now) ? "yes" : "no");
        field(out, bill.get("currency").as_string());
        field(out, decimal(bill.get("subtotal")));
        field(out, decimal(bill.get("tax")));
        field(out, decimal(bill.get("total")));
        field(out, decimal(bill.get("amountPaid")));
        field(out, status == "cancelled" ? "0.00" : decimal(Value::number(double(owed))));
        field(out, std::to_string(bill.get("items").size()));
        field(out, bill.get("cancelledAt").as_string(), true);
      });
}

std::unique_ptr<CsvExport> stock_ledger_csv(std::shared_ptr<const groq::Dataset> snapshot,
                                            CsvFilter filter) {
  std::vector<Value> rows;
  auto keep = [&](const Value& row) {
    if (in_range(filter, row.get("at").as_string())) rows.push_back(row);
    return true;
  };
  if (filter.product_id.empty()) {
    snapshot->for_each_of_type("stockTransaction", keep);
  } else {
    snapshot->for_each_referencing(filter.product_id, [&](const Value& row) {
      if (row.get("_type").as_string() == "stockTransaction" &&
          row.get("product").get("_ref").as_string() == filter.product_id) {
        keep(row);
      }
      return true;
    });
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Value& a, const Value& b) {
    return a.get("at").as_string() < b.get("at").as_string();
  });
  const groq::Dataset* documents = snapshot.get();
  return std::make_unique<RowsExport>(
      std::move(snapshot), std::move(rows),
      "at,productId,sku,productName,kind,quantity,stockBefore,stockAfter,billNumber,reason,"
      "actorId\r\n",
      [documents](std::string& out, const Value& row) {
        std::string_view product_id = row.get("product").get("_ref").as_string();
        const Value* product = documents->get(product_id);
        const Value* bill = documents->get(row.get("bill").get("_ref").as_string());
        auto number = [](const Value& value) {
          return std::to_string(static_cast<std::int64_t>(value.as_number()));
        };
        field(out, row.get("at").as_string());
        field(out, product_id);
        field(out, product ? product->get("sku").as_string() : "");
        field(out, product ? product->get("name").as_string() : "");
        field(out, row.get("kind").as_string());
        field(out, number(row.get("quantity")));
        field(out, number(row.get("stockBefore")));
        field(out, number(row.get("stockAfter")));
        field(out, bill ? bill->get("billNumber").as_string() : "");
        field(out, row.get("reason").as_string());
        field(out, row.get("actor").get("_ref").as_string(), true);
      });
}

}  // namespace ledgerline::app
