#include "store/ndjson_import.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "store/mutation_validation.h"
#include "util/ids.h"
#include "util/json.h"

namespace ledgerline::store {
namespace {

const Key kId = Key::intern("_id");

struct ParsedLine {
  Value document;
  std::size_t line = 0;
};

Result<std::vector<ParsedLine>> read_documents(std::istream& input) {
  std::vector<ParsedLine> documents;
  std::unordered_map<std::string, std::size_t> line_of_id;
  std::string text;
  for (std::size_t line = 1; std::getline(input, text); ++line) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto parsed = parse_json(text);
    auto fail = [&](std::string_view what) {
      return Error::invalid(fmt::format("line {}: {}", line, what));
    };
    if (!parsed.ok()) return fail("invalid JSON: " + parsed.error().message);
    Value document = std::move(*parsed);
    if (!document.is_object()) return fail("a document must be a JSON object");
    const Value& type = document.get("_type");
    if (!type.is_string() || type.as_string().empty()) return fail("missing or invalid _type");
    const Value* id = document.find(kId);
    if (id == nullptr) {
      document = document.with(kId, Value::string(random_id()));
    } else if (!id->is_string() || !is_valid_document_id(id->as_string())) {
      return fail("invalid _id " + id->to_json());
    }
    std::string id_text(document.get(kId).as_string());
    auto [it, fresh] = line_of_id.try_emplace(id_text, line);
    if (!fresh)
      return fail(fmt::format("duplicate _id \"{}\" (first on line {})", id_text, it->second));
    documents.push_back(ParsedLine{std::move(document), line});
  }
  if (input.bad()) return Error::invalid("read error");
  return documents;
}

}  // namespace

Result<ImportSummary> import_ndjson(Store& store, std::istream& input,
                                    const ImportOptions& options) {
  auto documents = read_documents(input);
  if (!documents.ok()) return std::move(documents).error();
  ImportSummary summary;
  summary.documents = documents->size();
  SnapshotPtr before = store.snapshot();
  std::size_t existing = 0;
  for (const ParsedLine& parsed : *documents) {
    if (before->get(parsed.document.get(kId).as_string()) == nullptr) continue;
    if (!options.replace) {
      return Error::conflict(fmt::format(
          "line {}: a document with _id \"{}\" already exists (use --replace to overwrite)",
          parsed.line, parsed.document.get(kId).as_string()));
    }
    ++existing;
  }

  CommitOptions commit_options;
  commit_options.preserve_system_fields = true;
  commit_options.identity = "import";
  Key operation = Key::intern(options.replace ? "createOrReplace" : "create");
  std::size_t batch_size = std::max<std::size_t>(1, options.batch_documents);
  for (std::size_t start = 0; start < documents->size(); start += batch_size) {
    std::size_t end = std::min(documents->size(), start + batch_size);
    std::vector<Value> mutations;
    mutations.reserve(end - start);
    for (std::size_t i = start; i < end; ++i) {
      mutations.push_back(Value::object({{operation, (*documents)[i].document}}));
    }
    auto result = store.commit(Value::array(std::move(mutations)), commit_options);
    if (!result.ok()) {
      Error error = std::move(result).error();
      error.message = fmt::format("lines {}-{}: {} ({} of {} documents were committed before)",
                                  (*documents)[start].line, (*documents)[end - 1].line,
                                  error.message, start, documents->size());
      return error;
    }
    ++summary.transactions;
    if (options.progress) options.progress(ImportProgress{end, documents->size()});
  }
  summary.replaced = existing;
  summary.created = summary.documents - existing;
  return summary;
}

}  // namespace ledgerline::store
