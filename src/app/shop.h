// Shop: runs the shop's actions (actions.h) as store transactions. Each call builds its
// mutations on the commit thread from the newest working state (Store::commit_built_async), so
// rules hold with no read-then-write race, and commits them as one transaction flagged
// CommitOptions::app_action (the only path that sets it). `done` runs on the store's writer with
// the resulting document once it is durable, or with the action's error; nothing is written
// when an action fails.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/actions.h"
#include "app/clock.h"
#include "store/store.h"

namespace ledgerline::app {

// The answer to an action: the document it answers with, and whether it was created (201).
struct ActionResult {
  Value document;
  bool created = false;
};
using ActionDone = std::function<void(Result<ActionResult>)>;

// One action bound to its input: writes into a draft, answers a document id.
using Action = std::function<Result<ActionAnswer>(Draft&, const ActionEnv&)>;

class Shop {
 public:
  // `store` must outlive the shop. `clock` gives each action's time (system_clock() in serve).
  explicit Shop(store::Store& store, Clock clock = system_clock());

  void create_product(NewProduct input, std::string actor, ActionDone done);
  void update_product(ProductChanges input, std::string actor, ActionDone done);
  void change_stock(StockChange input, std::string actor, ActionDone done);
  void create_bill(NewBill input, std::string actor, ActionDone done);
  void record_payment(NewPayment input, std::string actor, ActionDone done);
  void cancel_bill(Cancellation input, std::string actor, ActionDone done);

  // Runs any action as its own transaction.
  void run(Action action, std::string actor, ActionDone done);
  // Blocking wrapper around run (tools and tests; never on the commit thread).
  Result<ActionResult> run_sync(Action action, std::string actor);

  // Runs many actions as ONE transaction (bulk seeding): each is applied on top of the ones
  // before it; one that fails is dropped alone (its error goes to `failed`, may be null) and the
  // rest commit. Returns how many were applied, or the store's error.
  struct BatchItem {
    Action action;
    std::string actor;
    std::int64_t now_micros = 0;  // 0: the clock's time
  };
  Result<std::size_t> run_batch(std::vector<BatchItem> items, bool backdate,
                                std::function<void(std::size_t index, const Error&)> failed = {});

  // Back-dating: created documents carry _createdAt from the clock (seed only).
  void set_backdate(bool backdate) { backdate_ = backdate; }
  store::Store& store() { return store_; }

 private:
  store::Store& store_;
  Clock clock_;
  bool backdate_ = false;
};

}  // namespace ledgerline::app
