#include "util/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace ledgerline {

bool set_log_level(std::string_view level) {
  auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") return false;
  static auto logger = [] {
    auto l = spdlog::stderr_color_mt("ledgerline");
    spdlog::set_default_logger(l);
    return l;
  }();
  spdlog::set_level(parsed);
  return true;
}

}  // namespace ledgerline
