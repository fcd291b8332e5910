// Shared by the CLI tests: runs `ledgerline ARGS...` in-process (cli::run) and reads files.
#pragma once

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace ledgerline::cli::testing {

// The exit status of `ledgerline` with these arguments.
inline int run_cli(const std::vector<std::string>& args) {
  std::vector<std::string> words{"ledgerline"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  return run(static_cast<int>(words.size()), argv.data());
}

// `a` then `b`, for argument lists built from parts ({"--data", dir} + {"--out", file}).
inline std::vector<std::string> operator+(std::vector<std::string> a,
                                          const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace ledgerline::cli::testing
