// Runs the GROQ case files in tests/groq/cases: each case is a query with its expected result
// (or error type), optionally over a named dataset and with parameters. The format is plain
// text so cases can be added without touching C++ (see cases/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "groq/groq.h"
#include "print_value.h"
#include "util/json.h"

namespace ledgerline {
namespace groq {
namespace {

struct Case {
  std::string file;
  int line = 0;
  std::string name;
  std::string query;
  std::string params = "{}";
  std::string dataset;
  std::string expect;
  std::string error;
  std::string now;
};

struct CaseFile {
  std::map<std::string, std::vector<std::string>> datasets;  // name -> NDJSON lines
  std::vector<Case> cases;
};

CaseFile read_case_file(const std::filesystem::path& path) {
  CaseFile out;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  Case* current = nullptr;
  std::vector<std::string>* dataset = nullptr;
  auto rest = [](const std::string& l, std::size_t n) {
    return l.size() > n ? l.substr(n + 1) : std::string();
  };
  while (std::getline(in, line)) {
    ++number;
    if (dataset) {
      if (line == "end") {
        dataset = nullptr;
      } else {
        dataset->push_back(line);
      }
      continue;
    }
    if (line.empty()) {
      current = nullptr;
      continue;
    }
    if (line[0] == '#') continue;
    if (line.rfind("dataset ", 0) == 0) {
      dataset = &out.datasets[rest(line, 7)];
    } else if (line.rfind("test ", 0) == 0) {
      out.cases.push_back(Case{path.filename().string(), number, rest(line, 4)});
      current = &out.cases.back();
    } else if (!current) {
      ADD_FAILURE() << path << ":" << number << ": line outside a test: " << line;
    } else if (line.rfind("query ", 0) == 0) {
      if (!current->query.empty()) current->query += "\n";
      current->query += rest(line, 5);
    } else if (line.rfind("params ", 0) == 0) {
      current->params = rest(line, 6);
    } else if (line.rfind("use ", 0) == 0) {
      current->dataset = rest(line, 3);
    } else if (line.rfind("expect ", 0) == 0) {
      current->expect = rest(line, 6);
    } else if (line.rfind("error ", 0) == 0) {
      current->error = rest(line, 5);
    } else if (line.rfind("now ", 0) == 0) {
      current->now = rest(line, 3);
    } else {
      ADD_FAILURE() << path << ":" << number << ": unknown line: " << line;
    }
  }
  return out;
}

std::shared_ptr<Dataset> build_dataset(const std::vector<std::string>& lines) {
  std::vector<Value> docs;
  for (const std::string& l : lines) {
    auto doc = parse_json(l);
    EXPECT_TRUE(doc.ok()) << l;
    if (doc.ok()) docs.push_back(std::move(doc).value());
  }
  return make_vector_dataset(std::move(docs));
}

class CaseTest : public testing::Test {
 public:
  CaseTest(Case c, std::shared_ptr<Dataset> dataset) : case_(std::move(c)), dataset_(dataset) {}

  void TestBody() override {
    SCOPED_TRACE(case_.file + ":" + std::to_string(case_.line) + " " + case_.query);
    EvalOptions options;
    auto params = parse_json(case_.params);
    ASSERT_TRUE(params.ok()) << "bad params";
    options.params = *params;
    options.identity = Value::string("me");
    options.now = case_.now.empty() ? "2024-05-06T07:08:09.010Z" : case_.now;
    Result<Value> result = Value();
    auto query = parse(case_.query);
    if (query.ok()) {
      result = evaluate(**query, *dataset_, options);
    } else {
      result = query.error();
    }
    if (!case_.error.empty()) {
      ASSERT_FALSE(result.ok()) << "expected " << case_.error << ", got " << result->to_json();
      EXPECT_EQ(result.error().type, case_.error) << result.error().message;
      return;
    }
    ASSERT_TRUE(result.ok()) << result.error().type << ": " << result.error().message;
    auto expected = parse_json(case_.expect);
    ASSERT_TRUE(expected.ok()) << "bad expect: " << case_.expect;
    EXPECT_EQ(*result, *expected) << "got " << result->to_json();
  }

 private:
  Case case_;
  std::shared_ptr<Dataset> dataset_;
};

// Registers one test per case when the binary starts.
const bool registered = [] {
  const auto dir = std::filesystem::path(__FILE__).parent_path() / "cases";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".groqtest") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    CaseFile file = read_case_file(path);
    std::map<std::string, std::shared_ptr<Dataset>> datasets;
    for (const auto& [name, lines] : file.datasets) datasets[name] = build_dataset(lines);
    auto empty = make_vector_dataset({});
    std::string suite = "GroqCases_" + path.stem().string();
    for (Case& c : file.cases) {
      auto dataset = c.dataset.empty() ? empty : datasets[c.dataset];
      if (!dataset) {
        ADD_FAILURE() << path << ":" << c.line << ": unknown dataset " << c.dataset;
        continue;
      }
      std::string name = c.name;
      for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      std::string where = path.string();
      int line = c.line;
      // gtest owns (and deletes) the test objects its factories return.
      testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, where.c_str(), line,
                            [c, dataset]() -> testing::Test* { return new CaseTest(c, dataset); });
    }
  }
  return true;
}();

}  // namespace
}  // namespace groq
}  // namespace ledgerline
