// The tree-walking evaluator. Values are borrowed wherever possible (documents, literals,
// parameters, parts of them) and only copied when a result is built, so filters over the
// dataset read documents in place. Runtime failures (timeout, cost limit, errors) stop
// evaluation through the Evaluator's failure state rather than exceptions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "groq/ast.h"
#include "groq/groq.h"
#include "groq/operators.h"

namespace ledgerline::groq {

// A value that is either borrowed (it outlives the Ref) or owned by the Ref.
class Ref {
 public:
  Ref() : ptr_(&null_value()) {}
  static Ref borrow(const Value& v) {
    Ref r;
    r.ptr_ = &v;
    return r;
  }
  static Ref own(Value v) {
    Ref r;
    r.ptr_ = nullptr;
    r.owned_ = std::move(v);
    return r;
  }
  const Value& operator*() const { return ptr_ ? *ptr_ : owned_; }
  const Value* operator->() const { return ptr_ ? ptr_ : &owned_; }
  // A part of this value: borrowed when this is borrowed, else copied.
  Ref sub(const Value& part) const { return ptr_ ? borrow(part) : own(part); }
  Value take() && { return ptr_ ? *ptr_ : std::move(owned_); }
  bool owned() const { return ptr_ == nullptr; }

 private:
  const Value* ptr_;
  Value owned_;
};

// The evaluation scope: `@` is `value`, `^` walks `parent`. Hidden scopes (the elements of
// `a[]` traversals) are skipped by `^`, as the specification requires.
struct Scope {
  const Value* value;
  const Scope* parent;
  bool hidden;
  Scope nested(const Value& v) const {
    return hidden ? Scope{&v, parent, false} : Scope{&v, this, false};
  }
  Scope hidden_nested(const Value& v) const {
    Scope s = nested(v);
    s.hidden = true;
    return s;
  }
};

// A non-owning reference to a callable (cheaper than std::function for per-element callbacks).
template <class Signature>
class FunctionRef;
template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT: implicit by design
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

using ElementFn = FunctionRef<bool(const Value&)>;  // returns false to stop

class Evaluator {
 public:
  Evaluator(const Dataset& dataset, const EvalOptions& options, int cache_slots);

  Ref eval(const Node& node, const Scope& scope);
  // Calls `fn` for every element of the array `node` evaluates to, stopping when it returns
  // false. Returns false (calling nothing) when the value is not an array.
  bool each(const Node& node, const Scope& scope, ElementFn fn);
  // Evaluates a condition without materializing booleans (filters, &&, ||, !, comparisons).
  Tri eval_bool(const Node& node, const Scope& scope);
  // Evaluates a predicate: true only for the boolean true.
  bool test(const Node& node, const Scope& scope) { return eval_bool(node, scope) == Tri::True; }

  // Accounts one evaluation step; false once evaluation has to stop.
  bool tick() {
    if (++steps_ < next_check_) return !failed_;
    return check_limits();
  }
  void fail(Error error);
  bool failed() const { return failed_; }
  Error take_error() { return std::move(error_); }

  const Dataset& dataset() const { return dataset_; }
  const EvalOptions& options() const { return options_; }
  const Value& param(const std::string& name) const;
  double now_ms() const { return now_ms_; }
  void set_now(double now_ms);
  // Datetime/path values were created: the result needs converting to JSON.
  void note_special() { made_special_ = true; }
  bool made_special() const { return made_special_; }

  // The whole dataset as one array (built on first use).
  const Value& everything();

 private:
  Ref eval_node(const Node& node, const Scope& scope);  // dispatches on the node type
  Ref eval_parent(const Node& node, const Scope& scope);
  Ref eval_attribute(const Node& node, const Scope& scope);
  Ref eval_element(const Node& node, const Scope& scope);
  Ref eval_projection(const Node& node, const Scope& scope);
  Ref eval_deref(const Node& node, const Scope& scope);
  Ref eval_select(const Node& node, const Scope& scope);
  Ref eval_sign(const Node& node, const Scope& scope);        // unary + and -
  Ref eval_arithmetic(const Node& node, const Scope& scope);  // +, -, *, /, %, **
  Tri eval_bool_node(const Node& node, const Scope& scope);
  bool each_node(const Node& node, const Scope& scope, ElementFn fn);
  Ref eval_cached(const Node& node, const Scope& scope);
  // Every element of `node` (an array) collected into a new array; null when not an array.
  Ref collect(const Node& node, const Scope& scope);
  bool each_filter(const Node& node, const Scope& scope, ElementFn fn);
  bool each_slice(const Node& node, const Scope& scope, ElementFn fn);
  Ref eval_object(const Node& node, const Scope& scope);
  Ref eval_projected(const Node& projection, const Node& expr, const Scope& scope);
  Ref eval_array(const Node& node, const Scope& scope);
  bool check_limits();

  const Dataset& dataset_;
  const EvalOptions& options_;
  double now_ms_ = 0;
  std::size_t steps_ = 0;
  std::size_t next_check_ = 0;
  bool failed_ = false;
  bool made_special_ = false;
  Error error_;
  std::optional<Value> everything_;
  std::vector<std::optional<Value>> cache_;
};

}  // namespace ledgerline::groq
