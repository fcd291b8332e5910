#include "groq/ndjson.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/basic_parser_impl.hpp>
#include <cstring>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "util/json.h"
#include "util/json_sax.h"

namespace ledgerline::groq {
namespace {

namespace bj = boost::json;
using boost::system::error_code;

// Shares equal values between documents. Whether sharing pays off is decided per attribute
// name: values under names that rarely repeat (revisions, timestamps) stop being looked up.
class Interner {
 public:
  Value string(std::string_view s, Key owner) {
    if (s.size() <= 14 || s.size() > 256 || !worth_it(owner)) return Value::string(s);
    auto it = strings_.find(s);
    if (it != strings_.end()) return hit(owner), it->second;
    Value v = Value::string(s);
    strings_.emplace(v.as_string(), v);
    return v;
  }

  Value object(std::vector<Member> members, Key owner) {
    bool small = members.size() <= 4;
    for (const Member& m : members) small = small && !m.value.is_array() && !m.value.is_object();
    Value v = Value::object(std::move(members));
    if (!small || !worth_it(owner)) return v;
    auto [it, inserted] = objects_.insert(v);
    if (!inserted) hit(owner);
    return *it;
  }

 private:
  struct Stats {
    std::uint32_t lookups = 0, hits = 0;
  };

  bool worth_it(Key owner) {
    Stats& s = stats_[owner];
    if (s.lookups >= 1024 && s.hits * 16 < s.lookups) return false;
    ++s.lookups;
    return true;
  }
  void hit(Key owner) { ++stats_[owner].hits; }

  static std::size_t hash(const Value& v) {
    switch (v.kind()) {
      case Kind::String:
        return std::hash<std::string_view>()(v.as_string());
      case Kind::Number: {
        double d = v.as_number();
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        return std::hash<std::uint64_t>()(bits);
      }
      case Kind::Bool:
        return v.as_bool() ? 3 : 5;
      default:
        return 7;
    }
  }
  // Small objects of primitives: same keys in the same order, same values.
  struct ObjectHash {
    std::size_t operator()(const Value& o) const {
      std::size_t h = 0;
      for (const Member& m : o.as_object()) h = h * 1000003 ^ m.key.hash() ^ (hash(m.value) << 1);
      return h;
    }
  };
  struct ObjectEqual {
    bool operator()(const Value& a, const Value& b) const {
      auto x = a.as_object(), y = b.as_object();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i].key != y[i].key || x[i].value.kind() != y[i].value.kind()) return false;
        if (x[i].value.is_number()) {
          double p = x[i].value.as_number(), q = y[i].value.as_number();
          if (std::memcmp(&p, &q, sizeof p) != 0) return false;
        } else if (x[i].value != y[i].value) {
          return false;
        }
      }
      return true;
    }
  };

  std::unordered_map<Key, Stats> stats_;
  std::unordered_map<std::string_view, Value> strings_;  // views point into the values
  std::unordered_set<Value, ObjectHash, ObjectEqual> objects_;
};

// Builds each line's Values through the interner, so documents share equal values.
using Builder = JsonSaxHandler<Interner>;

// Parses the lines of file bytes [begin, end), reading them in blocks.
struct RangeLoader {
  int fd;
  std::uint64_t begin, end;
  std::vector<Value> docs;
  std::uint64_t lines = 0;
  std::optional<std::pair<std::uint64_t, std::string>> error;  // local line, message

  void run() {
    bj::parse_options options;
    options.max_depth = kMaxJsonDepth;
    bj::basic_parser<Builder> parser(options);
    constexpr std::size_t kBlock = 8 << 20;
    std::string buf;
    std::uint64_t pos = begin;
    while (pos < end || !buf.empty()) {
      std::size_t have = buf.size();
      if (pos < end) {
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, end - pos));
        buf.resize(have + want);
        ssize_t n = ::pread(fd, buf.data() + have, want, static_cast<off_t>(pos));
        if (n <= 0) {
          error = std::make_pair(lines + 1, std::string("cannot read the file"));
          return;
        }
        buf.resize(have + static_cast<std::size_t>(n));
        pos += static_cast<std::uint64_t>(n);
      }
      std::string_view text(buf);
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
          if (pos < end) break;  // incomplete line: read more
          nl = text.size();
        }
        if (!parse_line(parser, text.substr(start, nl - start))) return;
        start = nl + 1;
      }
      buf.erase(0, std::min(start, buf.size()));
    }
  }

  bool parse_line(bj::basic_parser<Builder>& parser, std::string_view line) {
    ++lines;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return true;
    parser.reset();
    error_code ec;
    std::size_t used = parser.write_some(false, line.data(), line.size(), ec);
    if (!ec && (!parser.done() || parser.handler().values.size() != 1)) ec = bj::error::incomplete;
    if (ec) {
      error = std::make_pair(lines,
                             "invalid JSON at byte " + std::to_string(used) + ": " + ec.message());
      parser.handler().values.clear();
      return false;
    }
    if (line.find_first_not_of(" \t\r", used) != std::string_view::npos) {
      error = std::make_pair(lines, std::string("unexpected data after the document"));
      return false;
    }
    docs.push_back(std::move(parser.handler().values.back()));
    parser.handler().values.clear();
    return true;
  }
};

// The offset just past the first newline at or after `pos` (or `size`).
std::uint64_t next_line_start(int fd, std::uint64_t pos, std::uint64_t size) {
  char buf[4096];
  while (pos < size) {
    ssize_t n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(pos));
    if (n <= 0) return size;
    if (const void* nl = std::memchr(buf, '\n', static_cast<std::size_t>(n)))
      return pos + static_cast<std::uint64_t>(static_cast<const char*>(nl) - buf) + 1;
    pos += static_cast<std::uint64_t>(n);
  }
  return size;
}

}  // namespace

Result<std::vector<Value>> load_ndjson(const std::string& path, int threads) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::invalid("cannot open " + path, "invalidDataset");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Error::invalid("cannot read " + path, "invalidDataset");
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size < (4u << 20)) threads = 1;
  std::vector<RangeLoader> ranges;
  std::uint64_t begin = 0;
  for (int i = 0; i < threads; ++i) {
    std::uint64_t end =
        i + 1 == threads ? size : next_line_start(fd, size * (i + 1) / threads, size);
    ranges.push_back(RangeLoader{fd, begin, std::max(begin, end), {}, 0, std::nullopt});
    begin = std::max(begin, end);
  }
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < ranges.size(); ++i)
    workers.emplace_back([&r = ranges[i]] { r.run(); });
  ranges[0].run();
  for (std::thread& w : workers) w.join();
  ::close(fd);
  std::uint64_t lines_before = 0;
  std::size_t total = 0;
  for (RangeLoader& r : ranges) {
    if (r.error)
      return Error::invalid(
          path + " line " + std::to_string(lines_before + r.error->first) + ": " + r.error->second,
          "invalidDataset");
    lines_before += r.lines;
    total += r.docs.size();
  }
  std::vector<Value> docs = std::move(ranges[0].docs);
  docs.reserve(total);
  for (std::size_t i = 1; i < ranges.size(); ++i)
    for (Value& v : ranges[i].docs) docs.push_back(std::move(v));
  return docs;
}

}  // namespace ledgerline::groq
