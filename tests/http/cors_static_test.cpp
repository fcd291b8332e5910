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

const std::string* header_of(const Response& response, std::string_view name) {
  for (const Header& header : response.headers)
    if (header.name == name) return &header.value;
  return nullptr;
}

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType) {
  auto files = StaticFiles::from_folder(root_);
  Response js = files->serve(request("GET", "/assets/app.js"));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(files->serve(request("GET", "/")).body, "<html>app</html>");
}

TEST_F(StaticFilesTest, DeepLinksFallBackToIndexButApiPathsDoNot) {
  auto files = StaticFiles::from_folder(root_);
  Response page = files->serve(request("GET", "/admin/dashboard"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<html>app</html>");
  EXPECT_EQ(files->serve(request("GET", "/customer/bills")).status, 200);
  EXPECT_EQ(files->serve(request("GET", "/assets/missing.js")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/api/v1/nothing")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/v1/data/nothing")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/vX/data/nothing")).status, 404);
}

TEST_F(StaticFilesTest, NeverEscapesTheRoot) {
  auto files = StaticFiles::from_folder(root_);
  EXPECT_EQ(files->serve(request("GET", "/../secret.txt")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/%2e%2e/secret.txt")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/assets/..%2f..%2fsecret.txt")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/assets/%5c..%5csecret.txt")).status, 404);
}

TEST_F(StaticFilesTest, NeverFollowsALinkOutOfTheFolder) {
  std::filesystem::create_symlink(root_.parent_path() / "secret.txt", root_ / "leak.txt");
  std::filesystem::create_directory_symlink(root_.parent_path(), root_ / "up");
  std::filesystem::create_symlink(root_ / "index.html", root_ / "inside.html");
  auto files = StaticFiles::from_folder(root_);
  EXPECT_EQ(files->serve(request("GET", "/leak.txt")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/up/secret.txt")).status, 404);
  EXPECT_EQ(files->serve(request("GET", "/inside.html")).body, "<html>app</html>");
}

TEST_F(StaticFilesTest, EveryAnswerCarriesNosniffAndAContentSecurityPolicy) {
  auto files = StaticFiles::from_folder(root_);
  for (const char* path : {"/", "/assets/app.js", "/admin/bills/b1"}) {
    Response response = files->serve(request("GET", path));
    ASSERT_NE(header_of(response, "x-content-type-options"), nullptr) << path;
    EXPECT_EQ(*header_of(response, "x-content-type-options"), "nosniff");
    ASSERT_NE(header_of(response, "content-security-policy"), nullptr) << path;
    EXPECT_NE(header_of(response, "content-security-policy")->find("default-src 'self'"),
              std::string::npos);
  }
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForeverAndIndexIsRevalidated) {
  auto files = StaticFiles::from_folder(root_);
  EXPECT_EQ(*header_of(files->serve(request("GET", "/assets/app.js")), "cache-control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(*header_of(files->serve(request("GET", "/")), "cache-control"), "no-cache");
  EXPECT_EQ(*header_of(files->serve(request("GET", "/admin/dashboard")), "cache-control"),
            "no-cache");
}

TEST_F(StaticFilesTest, MatchingETagGets304WithoutABody) {
  auto files = StaticFiles::from_folder(root_);
  Response first = files->serve(request("GET", "/assets/app.js"));
  ASSERT_NE(header_of(first, "etag"), nullptr);
  std::string etag = *header_of(first, "etag");
  Response again = files->serve(request("GET", "/assets/app.js", {{"if-none-match", etag}}));
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  Response other = files->serve(request("GET", "/assets/app.js", {{"if-none-match", "\"x\""}}));
  EXPECT_EQ(other.status, 200);
  std::ofstream(root_ / "assets" / "app.js") << "console.log(2)";
  EXPECT_NE(*header_of(files->serve(request("GET", "/assets/app.js")), "etag"), etag);
}

TEST_F(StaticFilesTest, HeadKeepsTheBodyLengthButSendsNoBody) {
  auto files = StaticFiles::from_folder(root_);
  Response head = files->serve(request("HEAD", "/assets/app.js"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.omit_body);
  EXPECT_EQ(head.body.size(), std::string("console.log(1)").size());
  EXPECT_FALSE(files->serve(request("GET", "/assets/app.js")).omit_body);
}

TEST(EmbeddedFiles, PicksBrotliThenGzipByAcceptEncoding) {
  std::vector<EmbeddedFile> embedded = {
      {"/index.html", "\"i\"", "<html>", "", ""},
      {"/assets/app-1.js", "\"a\"", "plain", "GZIP", "BR"},
  };
  auto files = StaticFiles::from_embedded(embedded);
  ASSERT_NE(files, nullptr);
  Response br = files->serve(request("GET", "/assets/app-1.js", {{"accept-encoding", "gzip, br"}}));
  EXPECT_EQ(br.body, "BR");
  EXPECT_EQ(*header_of(br, "content-encoding"), "br");
  EXPECT_EQ(*header_of(br, "vary"), "accept-encoding");
  Response gz =
      files->serve(request("GET", "/assets/app-1.js", {{"accept-encoding", "gzip;q=0.8, br;q=0"}}));
  EXPECT_EQ(gz.body, "GZIP");
  Response plain = files->serve(request("GET", "/assets/app-1.js"));
  EXPECT_EQ(plain.body, "plain");
  EXPECT_EQ(header_of(plain, "content-encoding"), nullptr);
  EXPECT_EQ(files->serve(request("GET", "/admin/dashboard")).body, "<html>");
  EXPECT_EQ(StaticFiles::from_embedded({}), nullptr);
}

}  // namespace
}  // namespace ledgerline::http
