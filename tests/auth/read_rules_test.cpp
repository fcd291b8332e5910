// The role -> rule table: what a customer's rule admits, and that one FilterPtr is shared.
#include "auth/read_rules.h"

#include <gtest/gtest.h>

#include "support/json.h"

namespace ledgerline::auth {
namespace {

using test_support::json;

TEST(ReadRules, AdminsReadEverythingAnonymousCallersNothing) {
  auto rules = ReadRules::standard();
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  auto admin = rules->for_identity({"u-admin", Role::kAdmin, CredentialKind::kToken, "t"});
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(*admin, nullptr);
  auto anonymous = rules->for_identity({});
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code, ErrorCode::kUnauthenticated);
}

TEST(ReadRules, CustomersShareOneParsedRule) {
  auto rules = ReadRules::standard();
  ASSERT_TRUE(rules.ok());
  auto a = rules->for_identity({"u-a", Role::kCustomer, CredentialKind::kToken, "t1"});
  auto b = rules->for_identity({"u-b", Role::kCustomer, CredentialKind::kSession, "s1"});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, nullptr);
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ(a->get(), rules->customer_rule().get());
}

TEST(ReadRules, TheCustomerRuleAdmitsExactlyWhatDomainSays) {
  auto rules = ReadRules::standard();
  ASSERT_TRUE(rules.ok());
  const groq::Filter& rule = *rules->customer_rule();
  auto dataset = groq::make_vector_dataset({});
  groq::EvalOptions as_alice;
  as_alice.identity = Value::string("u-alice");
  struct Case {
    const char* document;
    bool admitted;
  } cases[] = {
      {R"({"_id":"p1","_type":"product","active":true})", true},
      {R"({"_id":"p2","_type":"product","active":false})", false},
      {R"({"_id":"p3","_type":"product"})", false},
      {R"({"_id":"b1","_type":"bill","customer":{"_ref":"u-alice"}})", true},
      {R"({"_id":"b2","_type":"bill","customer":{"_ref":"u-bob"}})", false},
      {R"({"_id":"b3","_type":"bill"})", false},
      {R"({"_id":"u-alice","_type":"user"})", true},
      {R"({"_id":"u-bob","_type":"user"})", false},
      {R"({"_id":"e1","_type":"shopEvent","subjects":[{"_ref":"b1"},{"_ref":"u-alice"}]})", true},
      {R"({"_id":"e2","_type":"shopEvent","subjects":[{"_ref":"u-bob"}]})", false},
      {R"({"_id":"s1","_type":"stockTransaction","actor":{"_ref":"u-alice"}})", false},
      {R"({"_id":"x1","_type":"other","customer":{"_ref":"u-alice"}})", false},
  };
  for (const Case& c : cases) {
    auto admitted = rule.matches(json(c.document), *dataset, as_alice);
    ASSERT_TRUE(admitted.ok()) << c.document;
    EXPECT_EQ(*admitted, c.admitted) << c.document;
  }
}

}  // namespace
}  // namespace ledgerline::auth
