Feature: Latency on a dependency shows in order latency
  Downstream latency on the payment link is added once per order: the service neither hides it
  nor multiplies it (no hidden retries, no extra round trips).

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 500  |
      | TOTAL_DEADLINE_MS  | 2000 |

  Scenario: 200ms of latency on the payment link adds 200ms to the median order latency
    Given a baseline of 30 orders
    When the payment link gets 200ms of downstream latency
    And 30 orders are placed
    Then every order succeeded
    And the p(50) order latency rose by 200ms
