#include "app/shop.h"

#include <future>

namespace ledgerline::app {

namespace {

// What the builder leaves for the commit callback (both run on the commit thread, in order).
struct Outcome {
  ActionAnswer answer;
  // Set when the action wrote nothing (an idempotent replay, an empty update): the store
  // refuses empty transactions, so the builder fails it on purpose and the answer is this.
  bool unchanged = false;
  Value document;
};

store::CommitOptions action_options(std::string actor, bool backdate) {
  store::CommitOptions options;
  options.identity = std::move(actor);
  options.app_action = true;
  options.preserve_system_fields = backdate;
  return options;
}

// The answering document from a committed action's results, with its attached documents.
Value answer_document(const ActionAnswer& answer, const store::CommitResult& result) {
  auto written = [&result](const std::string& id) {
    for (const store::MutationOutcome& changed : result.results) {
      if (changed.id == id) return changed.document;
    }
    return Value();
  };
  Value document = written(answer.id);
  for (const auto& [member, id] : answer.attached) {
    if (document.is_object()) document = document.with(Key::intern(member), written(id));
  }
  return document;
}

}  // namespace

Shop::Shop(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

void Shop::run(Action action, std::string actor, ActionDone done) {
  auto outcome = std::make_shared<Outcome>();
  ActionEnv env{actor, 0, backdate_};
  Clock clock = clock_;
  auto build = [action = std::move(action), outcome, env,
                clock](const groq::Dataset& working) mutable -> Result<Value> {
    env.now_micros = clock();
    Draft draft(working);
    auto answer = action(draft, env);
    if (!answer.ok()) return std::move(answer).error();
    outcome->answer = *answer;
    Value mutations = draft.mutations();
    if (mutations.size() == 0) {
      const Value* document = working.get(answer->id);
      outcome->unchanged = true;
      outcome->document = document ? *document : Value();
      return Error::conflict("nothing to write", "noChange");
    }
    return mutations;
  };
  store_.commit_built_async(
      std::move(build), action_options(std::move(actor), backdate_),
      [outcome, done = std::move(done)](Result<store::CommitResult> result) {
        if (outcome->unchanged) {
          done(ActionResult{outcome->document, false});
          return;
        }
        if (!result.ok()) {
          done(std::move(result).error());
          return;
        }
        done(ActionResult{answer_document(outcome->answer, *result), outcome->answer.created});
      });
}

Result<ActionResult> Shop::run_sync(Action action, std::string actor) {
  std::promise<Result<ActionResult>> promise;
  run(std::move(action), std::move(actor),
      [&promise](Result<ActionResult> result) { promise.set_value(std::move(result)); });
  return promise.get_future().get();
}

Result<std::size_t> Shop::run_batch(std::vector<BatchItem> items, bool backdate,
                                    std::function<void(std::size_t, const Error&)> failed) {
  std::size_t applied = 0;
  Clock clock = clock_;
  auto build = [&](const groq::Dataset& working) -> Result<Value> {
    applied = 0;
    Draft draft(working);
    for (std::size_t i = 0; i < items.size(); ++i) {
      ActionEnv env{items[i].actor, items[i].now_micros ? items[i].now_micros : clock(), backdate};
      Draft::Checkpoint point = draft.checkpoint();
      auto answer = items[i].action(draft, env);
      if (!answer.ok()) {
        draft.rollback(point);
        if (failed) failed(i, answer.error());
        continue;
      }
      ++applied;
    }
    Value mutations = draft.mutations();
    if (mutations.size() == 0) return Error::conflict("nothing to write", "noChange");
    return mutations;
  };
  std::promise<Result<store::CommitResult>> promise;
  store_.commit_built_async(
      build, action_options("", backdate),
      [&promise](Result<store::CommitResult> result) { promise.set_value(std::move(result)); });
  auto result = promise.get_future().get();
  if (!result.ok() && result.error().type != "noChange") {
    return std::move(result).error();
  }
  return applied;
}

#define LEDGERLINE_SHOP_ACTION(method, function, Input)                                           \
  void Shop::method(Input input, std::string actor, ActionDone done) {                            \
    run([input = std::move(input)](Draft& draft,                                                  \
                                   const ActionEnv& env) { return function(draft, input, env); }, \
        std::move(actor), std::move(done));                                                       \
  }

LEDGERLINE_SHOP_ACTION(create_product, app::create_product, NewProduct)
LEDGERLINE_SHOP_ACTION(update_product, app::update_product, ProductChanges)
LEDGERLINE_SHOP_ACTION(change_stock, app::change_stock, StockChange)
LEDGERLINE_SHOP_ACTION(create_bill, app::create_bill, NewBill)
LEDGERLINE_SHOP_ACTION(record_payment, app::record_payment, NewPayment)
LEDGERLINE_SHOP_ACTION(cancel_bill, app::cancel_bill, Cancellation)

#undef LEDGERLINE_SHOP_ACTION

}  // namespace ledgerline::app
