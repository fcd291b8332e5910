// Logging setup: spdlog to stderr with a level chosen on the command line.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace ledgerline {

// Sets the global level ("trace", "debug", "info", "warn", "error", "off"); false if unknown.
bool set_log_level(std::string_view level);

}  // namespace ledgerline
