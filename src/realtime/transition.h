// Listen transitions: how a transaction moved one document relative to a listener's filter,
// derived from whether the filter matched the version before and the version after.
#pragma once

#include <string_view>

namespace ledgerline::realtime {

enum class Transition : unsigned char { kNone, kAppear, kUpdate, kDisappear };

// appear: no match before, match after (includes create); update: match before and after;
// disappear: match before, not after (includes delete); kNone: no event.
constexpr Transition transition_for(bool matched_before, bool matches_after) {
  if (matched_before) return matches_after ? Transition::kUpdate : Transition::kDisappear;
  return matches_after ? Transition::kAppear : Transition::kNone;
}

// The wire name ("appear", "update", "disappear"; "" for kNone).
constexpr std::string_view transition_name(Transition transition) {
  switch (transition) {
    case Transition::kAppear:
      return "appear";
    case Transition::kUpdate:
      return "update";
    case Transition::kDisappear:
      return "disappear";
    case Transition::kNone:
      break;
  }
  return "";
}

}  // namespace ledgerline::realtime
