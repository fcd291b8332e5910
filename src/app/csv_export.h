// CSV for the accountant (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
// hold a comma, quote or line break, quotes doubled): the bills and the stock ledger of one
// snapshot, optionally limited to a date range (`from`/`to`, inclusive, on the bill's issuedAt
// or the row's time) and to one product. Rows are formatted a piece at a time by next(), so a
// large export is never held in memory as text. Money columns are decimal major units ("12.34").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "groq/groq.h"
#include "util/result.h"

namespace ledgerline::app {

struct CsvFilter {
  std::optional<std::int64_t> from_micros, to_micros;  // inclusive bounds
  std::string product_id;                              // "" = every product
};

// Parses the `from`, `to` and `product` query parameters ("" when absent): dates are
// YYYY-MM-DD (a whole UTC day) or RFC 3339. Bad values -> 400 naming the parameter.
Result<CsvFilter> parse_csv_filter(const std::string& from, const std::string& to,
                                   const std::string& product);

class CsvExport {
 public:
  virtual ~CsvExport() = default;
  // Appends the next rows (about `budget` bytes) to `out`; false once the last row is out.
  virtual bool next(std::string& out, std::size_t budget = 64 * 1024) = 0;
};

// `snapshot` is kept alive by the export.
std::unique_ptr<CsvExport> bills_csv(std::shared_ptr<const groq::Dataset> snapshot,
                                     CsvFilter filter, std::int64_t now_micros);
std::unique_ptr<CsvExport> stock_ledger_csv(std::shared_ptr<const groq::Dataset> snapshot,
                                            CsvFilter filter);

// One RFC 4180 field (quoted when needed).
void append_csv_field(std::string& out, std::string_view field);

}  // namespace ledgerline::app
