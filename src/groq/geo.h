// GROQ geo extension: geo(), geo::latLng, geo::distance, geo::contains, geo::intersects over
// GeoJSON values. The evaluator looks functions up by name and calls them with evaluated args.
#pragma once

#include <span>
#include <string_view>

#include "util/value.h"

namespace ledgerline::groq::geo {

// nullptr when `name` (e.g. "geo::distance", "geo") is not a geo function.
struct GeoFunction {
  int min_args;
  int max_args;
  Value (*call)(std::span<const Value> args);
};
const GeoFunction* find_function(std::string_view name);

}  // namespace ledgerline::groq::geo
