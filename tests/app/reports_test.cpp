// The dashboard figures and the accountant's CSV files, from a small shop made by actions.
#include "app/csv_export.h"
#include "app/stats.h"
#include "shop_fixture.h"

namespace ledgerline::app {
namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000 * 1000;

class Reports : public ShopTest {
 protected:
  void SetUp() override {
    ShopTest::SetUp();
    tea_ = std::string(product("SKU-1", "Black tea", 450, 20, 5).get("_id").as_string());
    green_ =
        std::string(product("SKU-2", "Green, \"fine\" tea", 1000, 3, 1).get("_id").as_string());
    // Jan 1: a bill paid on Jan 2; Jan 3: a bill still open (overdue by Feb 1); Jan 4: cancelled.
    paid_ = bill({{tea_, 2, 0}});
    now_ = kJan1 + kDay;
    EXPECT_TRUE(act(app::record_payment, NewPayment{paid_, 900, "card", "p"}).ok());
    now_ = kJan1 + 2 * kDay;
    open_ = bill({{green_, 3, 0}, {tea_, 1, 0}});
    now_ = kJan1 + 3 * kDay;
    std::string cancelled = bill({{tea_, 5, 0}});
    EXPECT_TRUE(act(app::cancel_bill, Cancellation{cancelled, "oops"}).ok());
  }
  std::string bill(std::vector<BillLine> lines) {
    auto made = act(app::create_bill, NewBill{"alice", std::move(lines), std::nullopt, 0, ""});
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made.ok() ? std::string(made->document.get("_id").as_string()) : "";
  }
  std::string all_csv(std::unique_ptr<CsvExport> rows) {
    std::string out;
    while (rows->next(out, 10)) {
    }
    return out;
  }
  std::string tea_, green_, paid_, open_;
};

TEST_F(Reports, DashboardCountsRevenueOutstandingAndStock) {
  auto stats = dashboard_stats(*store_->snapshot(), kJan1 + 25 * kDay);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  const Value& bills = stats->get("counts");
  EXPECT_EQ(bills.get("paid").as_number(), 1);
  EXPECT_EQ(bills.get("pending").as_number(), 1);
  EXPECT_EQ(bills.get("cancelled").as_number(), 1);
  EXPECT_EQ(bills.get("partially_paid").as_number(), 0);
  EXPECT_EQ(bills.get("overdue").as_number(), 1);
  EXPECT_EQ(bills.get("total").as_number(), 3);
  EXPECT_EQ(stats->get("revenue").as_number(), 900);
  EXPECT_EQ(stats->get("outstanding").as_number(), 3450);
  ASSERT_EQ(stats->get("revenueByDay").size(), 30u);
  double by_day = 0;
  for (const Value& day : stats->get("revenueByDay").as_array()) {
    if (day.get("day").as_string() == "2026-01-02") by_day = day.get("amount").as_number();
  }
  EXPECT_EQ(by_day, 900);
  ASSERT_GE(stats->get("topProducts").size(), 2u);
  // Both sold 3 units on bills not cancelled; the tie goes to the larger revenue.
  EXPECT_EQ(stats->get("topProducts").as_array()[0].get("_id").as_string(), green_);
  EXPECT_EQ(stats->get("topProducts").as_array()[0].get("revenue").as_number(), 3000);
  EXPECT_EQ(stats->get("topProducts").as_array()[1].get("_id").as_string(), tea_);
  EXPECT_EQ(stats->get("topProducts").as_array()[1].get("quantity").as_number(), 3);
  ASSERT_EQ(stats->get("outOfStock").size(), 1u);
  EXPECT_EQ(stats->get("outOfStock").as_array()[0].get("_id").as_string(), green_);
  EXPECT_EQ(stats->get("stock").get("units").as_number(), 17);
  EXPECT_EQ(stats->get("stock").get("value").as_number(), 17 * 450);
}

TEST_F(Reports, NotOverdueBeforeTheDueDate) {
  auto stats = dashboard_stats(*store_->snapshot(), kJan1 + 5 * kDay);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->get("counts").get("overdue").as_number(), 0);
}

TEST_F(Reports, BillsCsvIsRfc4180WithDecimalMoney) {
  auto filter = parse_csv_filter("", "", "");
  ASSERT_TRUE(filter.ok());
  std::string csv = all_csv(bills_csv(store_->snapshot(), *filter, kJan1 + 31 * kDay));
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < csv.size();) {
    std::size_t end = csv.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    lines.push_back(csv.substr(at, end - at));
    at = end + 2;
  }
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].substr(0, 30), "billNumber,issuedAt,dueDate,cu");
  EXPECT_EQ(lines[1].substr(0, 11), "INV-000001,");
  EXPECT_NE(lines[1].find(",paid,no,USD,9.00,0.00,9.00,9.00,0.00,1,"), std::string::npos)
      << lines[1];
  EXPECT_NE(lines[2].find(",pending,yes,USD,34.50,0.00,34.50,0.00,34.50,2,"), std::string::npos)
      << lines[2];
}

TEST_F(Reports, CsvFiltersByDateAndProduct) {
  auto january_third = parse_csv_filter("2026-01-03", "2026-01-03", "");
  ASSERT_TRUE(january_third.ok());
  std::string csv = all_csv(bills_csv(store_->snapshot(), *january_third, kJan1));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);  // header + INV-000002
  EXPECT_NE(csv.find("INV-000002"), std::string::npos);
  auto green = parse_csv_filter("", "", green_);
  ASSERT_TRUE(green.ok());
  std::string ledger = all_csv(stock_ledger_csv(store_->snapshot(), *green));
  // header, initial restock, one sale
  EXPECT_EQ(std::count(ledger.begin(), ledger.end(), '\n'), 3);
  EXPECT_NE(ledger.find("\"Green, \"\"fine\"\" tea\""), std::string::npos) << ledger;
  EXPECT_NE(ledger.find(",sale,-3,3,0,INV-000002,"), std::string::npos) << ledger;
  auto bad = parse_csv_filter("yesterday", "", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("from"), std::string::npos);
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  std::string out;
  append_csv_field(out, "plain");
  out += '|';
  append_csv_field(out, "a,b");
  out += '|';
  append_csv_field(out, "say \"hi\"");
  out += '|';
  append_csv_field(out, "two\nlines");
  EXPECT_EQ(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"");
}

}  // namespace
}  // namespace ledgerline::app
