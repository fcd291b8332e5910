// path_to_string: renders a parsed JSONMatch path back to text (for error messages and tests).
#include "patch/path.h"

namespace ledgerline::patch {

namespace {

std::string number_text(double n) {
  std::string out;
  write_json_number(out, n);
  return out;
}

// Inside a union `[...]` the brackets of index/range/constraint terms are the union's own.
std::string render(const PathExpr& e, bool in_union) {
  using T = PathExpr::Type;
  // (appends rather than `"[" + inner + "]"`, which trips GCC 12's -Wrestrict at -O3)
  auto bracket = [&](std::string inner) {
    if (in_union) return inner;
    std::string out(1, '[');
    out.append(inner).push_back(']');
    return out;
  };
  switch (e.type) {
    case T::kAttribute: {
      if (is_plain_attribute_name(e.name)) return e.name;
      std::string quoted(1, '\'');
      quoted.append(e.name).push_back('\'');
      return quoted;
    }
    case T::kIndex:
      return bracket(number_text(e.number));
    case T::kRange: {
      if (!e.range_start && !e.range_end) return bracket("*");
      std::string out;
      if (e.range_start) out += number_text(*e.range_start);
      out += ":";
      if (e.range_end) out += number_text(*e.range_end);
      if (e.step) out += ":" + number_text(*e.step);
      return bracket(out);
    }
    case T::kConstraint:
      return bracket(render(*e.lhs, false) + " " + e.op +
                     (e.rhs ? " " + render(*e.rhs, false) : ""));
    case T::kString: {
      std::string out;
      write_json_string(out, e.name);
      return out;
    }
    case T::kBoolean:
      return e.boolean ? "true" : "false";
    case T::kNumber:
      return number_text(e.number);
    case T::kAlias:
      return "@";
    case T::kRecursive:
      return ".." + render(*e.term, false);
    case T::kUnion: {
      std::string out = "[";
      for (std::size_t i = 0; i < e.nodes.size(); ++i) {
        if (i) out += ",";
        out += render(*e.nodes[i], true);
      }
      return out + "]";
    }
    case T::kPath: {
      std::string out;
      for (std::size_t i = 0; i < e.nodes.size(); ++i) {
        std::string part = render(*e.nodes[i], false);
        if (i > 0 && !part.empty() && part[0] != '[' && part[0] != '.') out += ".";
        out += part;
      }
      return out;
    }
  }
  return "";
}

}  // namespace

std::string path_to_string(const PathExpr& e) {
  return render(e, false);
}

}  // namespace ledgerline::patch
