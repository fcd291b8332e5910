#include "store/stage_timings.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <sstream>

#include "util/log.h"

namespace ledgerline::store {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

// Captures what the default logger writes at debug level while it lives.
class CapturedLog {
 public:
  CapturedLog() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(text_)) {
    previous_ = spdlog::get_level();
    spdlog::set_level(spdlog::level::debug);
    spdlog::default_logger()->sinks().push_back(sink_);
  }
  ~CapturedLog() {
    spdlog::set_level(previous_);
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
  }
  std::string text() {
    spdlog::default_logger()->flush();
    return text_.str();
  }

 private:
  std::ostringstream text_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  spdlog::level::level_enum previous_;
};

TEST(StageTimings, LogsMeansPerTransactionAndPerGroupOncePerPeriod) {
  CapturedLog log;
  StageTimings timings;
  StageTimings::Time t = StageTimings::Clock::now();
  // Two groups of one and of three transactions.
  timings.add_group(t, t + microseconds(1000), t + microseconds(1100), t + microseconds(1300));
  timings.add_transaction(t - microseconds(300), t - microseconds(200), t, t + microseconds(1300));
  timings.add_group(t, t + microseconds(3000), t + microseconds(3300), t + microseconds(3700));
  for (int i = 0; i < 3; ++i) {
    timings.add_transaction(t - microseconds(500), t - microseconds(400), t,
                            t + microseconds(3700));
  }
  timings.maybe_log(t);  // the period has not passed: nothing yet
  EXPECT_EQ(log.text().find("commit stages"), std::string::npos);

  timings.maybe_log(t + seconds(6));
  std::string text = log.text();
  EXPECT_NE(text.find("commit stages: 2 groups, 2.0 transactions/group"), std::string::npos)
      << text;
  // Queued (100 + 3 * 100) / 4; applied and waiting (200 + 3 * 400) / 4; to answered
  // (1600 + 3 * 4200) / 4; persist (1000 + 3000) / 2; notifier wait (100 + 300) / 2; publish
  // (200 + 400) / 2.
  EXPECT_NE(text.find("queued 100, applied and waiting for the persister 350, submit to "
                      "answered 3550"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("persist 2000, wait for the notifier 200, publish and answer 300"),
            std::string::npos)
      << text;

  // The sums start again after a line.
  timings.maybe_log(t + seconds(12));
  std::string after = log.text();
  EXPECT_EQ(after.find("commit stages", text.size()), std::string::npos) << after;
}

}  // namespace
}  // namespace ledgerline::store
