#include "app/clock.h"

#include "util/time.h"

namespace ledgerline::app {

Clock system_clock() {
  return [] { return now_micros(); };
}

}  // namespace ledgerline::app
