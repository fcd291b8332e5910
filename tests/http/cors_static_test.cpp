#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "http/cors.h"
#include "http/static_files.h"

namespace ledgerline::http {
namespace {

const std::string* find_header(const Response& response, std::string_view name) {
  for (const auto& h : response.headers) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

Request request(std::string method, std::string path, std::vector<Header> headers = {}) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.headers = std::move(headers);
  return r;
}

TEST(Cors, PreflightFromAllowedOriginGetsAllowHeaders) {
  Cors cors({"http://localhost:5173"});
  auto answer = cors.preflight(request("OPTIONS", "/v1/data/query/production",
                                       {{"origin", "http://localhost:5173"},
                                        {"access-control-request-method", "POST"},
                                        {"access-control-request-headers", "authorization"}}));
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 204);
  ASSERT_NE(find_header(*answer, "access-control-allow-origin"), nullptr);
  EXPECT_EQ(*find_header(*answer, "access-control-allow-origin"), "http://localhost:5173");
  EXPECT_EQ(*find_header(*answer, "access-control-allow-credentials"), "true");
  EXPECT_EQ(*find_header(*answer, "access-control-allow-headers"), "authorization");
}

TEST(Cors, OtherOriginsGetNoAllowHeaders) {
  Cors cors({"http://localhost:5173"});
  auto answer = cors.preflight(request(
      "OPTIONS", "/x", {{"origin", "http://evil.test"}, {"access-control-request-method", "GET"}}));
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(find_header(*answer, "access-control-allow-origin"), nullptr);
  Response plain;
  cors.decorate(request("GET", "/x", {{"origin", "http://evil.test"}}), plain);
  EXPECT_TRUE(plain.headers.empty());
}

TEST(Cors, SimpleRequestsFromAllowedOriginsAreDecorated) {
  Cors cors({"http://a.test", "http://b.test"});
  Response response;
  cors.decorate(request("GET", "/health", {{"origin", "http://b.test"}}), response);
  ASSERT_NE(find_header(response, "access-control-allow-origin"), nullptr);
  EXPECT_EQ(*find_header(response, "access-control-allow-origin"), "http://b.test");
  EXPECT_FALSE(cors.preflight(request("GET", "/health")).has_value());
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("ledgerline-web-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<html>app</html>";
    std::ofstream(root_ / "assets" / "app.js") << "console.log(1)";
    std::ofstream(root_.parent_path() / "secret.txt") << "secret";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType) {
  StaticFiles files(root_);
  Response js = files.serve(request("GET", "/assets/app.js"));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.serve(request("GET", "/")).body, "<html>app</html>");
}

TEST_F(StaticFilesTest, DeepLinksFallBackToIndex) {
  StaticFiles files(root_);
  Response page = files.serve(request("GET", "/admin/dashboard"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<html>app</html>");
  EXPECT_EQ(files.serve(request("GET", "/assets/missing.js")).status, 404);
}

TEST_F(StaticFilesTest, NeverEscapesTheRoot) {
  StaticFiles files(root_);
  EXPECT_EQ(files.serve(request("GET", "/../secret.txt")).status, 404);
  EXPECT_EQ(files.serve(request("GET", "/%2e%2e/secret.txt")).status, 404);
  EXPECT_EQ(files.serve(request("GET", "/assets/..%2f..%2fsecret.txt")).status, 404);
}

}  // namespace
}  // namespace ledgerline::http
