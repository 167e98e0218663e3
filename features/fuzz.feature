@fuzz
Feature: Generated inputs never break the order service
  fast-check generates valid orders and every way a body or header can be wrong. Whatever comes
  in: never a 5xx, every rejection a problem+json with a stable type and no internal detail,
  every valid order accepted, and the service stays up. A failure is shrunk to the smallest
  counterexample and printed with the command that replays it.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_BURST          | 1000000 |
      | RATE_LIMIT_REFILL_PER_SEC | 1000000 |

  @fuzz-bodies
  Scenario: Generated POST /orders bodies
    When 1000 generated inputs are sent as "POST /orders bodies"
    Then every generated input was answered as the contract says
    And the order service is still live and was not restarted
    And its memory grew by less than 50% over the run

  Scenario: Generated order ids
    When 1000 generated inputs are sent as "GET /orders/:id ids"
    Then every generated input was answered as the contract says
    And the order service is still live and was not restarted

  Scenario: Generated API keys and idempotency keys
    When 1000 generated inputs are sent as "POST /orders headers"
    Then every generated input was answered as the contract says
    And the order service is still live and was not restarted

  Scenario: Repeated idempotency keys
    When 100 generated sequences of orders with repeated idempotency keys are sent
    Then every generated input was answered as the contract says

  @fuzz-model
  Scenario: Generated fault schedules never lose or duplicate an acknowledged order
    Given the order service runs with:
      | BREAKER_THRESHOLD   | 1000 |
      | ATTEMPT_TIMEOUT_MS  | 500  |
      | TOTAL_DEADLINE_MS   | 1500 |
      | DB_QUERY_TIMEOUT_MS | 1000 |
    When 60 generated fault schedules run against the order lifecycle
    Then every generated input was answered as the contract says
