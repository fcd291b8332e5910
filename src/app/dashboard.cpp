#include "app/dashboard.h"

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

#include "app/stats_render.h"
#include "util/time.h"

namespace ledgerline::app {

namespace {

std::int64_t integer(const Value& value) {
  return static_cast<std::int64_t>(value.as_number());
}

}  // namespace

// (dueDate, bill id) of every open bill, in a tree that knows each node's rank: "overdue at t"
// is the number of keys below (t, ""), O(log n) whatever the number of bills.
struct DashboardAggregates::DueDates {
  using Key = std::pair<std::string, std::string>;
  __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                   __gnu_pbds::tree_order_statistics_node_update>
      tree;
};

DashboardAggregates::DashboardAggregates() : due_(std::make_unique<DueDates>()) {}
DashboardAggregates::~DashboardAggregates() = default;
DashboardAggregates::DashboardAggregates(DashboardAggregates&&) noexcept = default;
DashboardAggregates& DashboardAggregates::operator=(DashboardAggregates&&) noexcept = default;

void DashboardAggregates::fold(const Value& document, int sign) {
  static const Key kType = Key::intern("_type"), kId = Key::intern("_id");
  if (!document.is_object()) return;
  std::string_view type = document.get(kType).as_string();
  if (type == "bill") {
    fold_bill(document, sign);
  } else if (type == "product") {
    std::string id(document.get(kId).as_string());
    if (sign > 0) {
      products_[id] = document;
    } else {
      products_.erase(id);
    }
  }
}

void DashboardAggregates::fold_bill(const Value& bill, int sign) {
  static const Key kStatus = Key::intern("status"), kDueDate = Key::intern("dueDate"),
                   kAmountPaid = Key::intern("amountPaid"), kTotal = Key::intern("total"),
                   kPayments = Key::intern("payments"), kPaidAt = Key::intern("paidAt"),
                   kAmount = Key::intern("amount"), kItems = Key::intern("items"),
                   kProduct = Key::intern("product"), kRef = Key::intern("_ref"),
                   kQuantity = Key::intern("quantity"), kLineTotal = Key::intern("lineTotal"),
                   kId = Key::intern("_id");
  std::string_view status = bill.get(kStatus).as_string();
  if (status == "cancelled") {
    cancelled_ += sign;
    return;
  }
  if (status == "pending") pending_ += sign;
  if (status == "partially_paid") partially_paid_ += sign;
  if (status == "paid") paid_ += sign;
  if (status != "paid") {
    DueDates::Key key{std::string(bill.get(kDueDate).as_string()),
                      std::string(bill.get(kId).as_string())};
    if (sign > 0) {
      due_->tree.insert(std::move(key));
    } else {
      due_->tree.erase(key);
    }
  }
  revenue_ += sign * integer(bill.get(kAmountPaid));
  billed_ += sign * integer(bill.get(kTotal));
  for (const Value& payment : bill.get(kPayments).as_array()) {
    std::string day(payment.get(kPaidAt).as_string().substr(0, 10));
    auto found = paid_by_day_.try_emplace(std::move(day), 0).first;
    found->second += sign * integer(payment.get(kAmount));
  }
  for (const Value& line : bill.get(kItems).as_array()) {
    std::string product(line.get(kProduct).get(kRef).as_string());
    auto found = sold_.try_emplace(std::move(product)).first;
    found->second.quantity += sign * integer(line.get(kQuantity));
    found->second.revenue += sign * integer(line.get(kLineTotal));
    found->second.lines += sign;
    if (found->second.lines == 0) sold_.erase(found);  // as if never sold (as the reference)
  }
}

DashboardAggregates DashboardAggregates::of(const groq::Dataset& snapshot) {
  DashboardAggregates aggregates;
  for (std::string_view type : {"bill", "product"}) {
    snapshot.for_each_of_type(type, [&](const Value& document) {
      aggregates.fold(document, +1);
      return true;
    });
  }
  return aggregates;
}

Value DashboardAggregates::render(std::int64_t now_micros) const {
  detail::DashboardFigures figures;
  figures.pending = pending_;
  figures.partially_paid = partially_paid_;
  figures.paid = paid_;
  figures.cancelled = cancelled_;
  figures.overdue = static_cast<std::int64_t>(
      due_->tree.order_of_key(DueDates::Key{format_rfc3339(now_micros), std::string()}));
  figures.revenue = revenue_;
  figures.billed = billed_;
  for (std::string& day : detail::window_days(now_micros)) {
    auto found = paid_by_day_.find(day);
    std::int64_t amount = found == paid_by_day_.end() ? 0 : found->second;
    figures.days.emplace_back(std::move(day), amount);
  }
  figures.products.reserve(products_.size());
  for (const auto& [id, product] : products_) figures.products.push_back(&product);
  figures.sold = [this](std::string_view id) -> std::optional<detail::SoldFigures> {
    auto found = sold_.find(std::string(id));
    if (found == sold_.end()) return std::nullopt;
    return detail::SoldFigures{found->second.quantity, found->second.revenue};
  };
  return detail::render_dashboard(figures, now_micros);
}

LiveDashboard::LiveDashboard(store::Store& store) : store_(store) {
  // Subscribe first, then build under the lock: a group committed meanwhile is either in the
  // snapshot (skipped by position) or folded in after the build.
  std::lock_guard lock(mutex_);
  token_ =
      store_.subscribe([this](const std::vector<store::TransactionPtr>& group) { follow(group); });
  store::SnapshotPtr snapshot = store_.snapshot();
  aggregates_ = DashboardAggregates::of(*snapshot);
  position_ = snapshot->position();
}

LiveDashboard::~LiveDashboard() {
  store_.unsubscribe(token_);
}

void LiveDashboard::follow(const std::vector<store::TransactionPtr>& group) {
  std::lock_guard lock(mutex_);
  for (const store::TransactionPtr& transaction : group) {
    if (transaction->position <= position_) continue;
    for (const store::Change& change : transaction->changes) {
      aggregates_.change(change.previous, change.next);
    }
    position_ = transaction->position;
  }
}

Value LiveDashboard::render(std::int64_t now_micros) const {
  std::lock_guard lock(mutex_);
  return aggregates_.render(now_micros);
}

std::uint64_t LiveDashboard::position() const {
  std::lock_guard lock(mutex_);
  return position_;
}

}  // namespace ledgerline::app
