Feature: Latency on a dependency shows in order latency
  Downstream latency on the payment link is added once per order: the service neither hides it
  nor multiplies it (no hidden retries, no extra round trips).

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 500  |
      | TOTAL_DEADLINE_MS  | 2000 |

  Scenario: 200ms of latency on the payment link adds 200ms to the median order latency
    When 30 orders are placed alternately without and with 200ms of downstream latency on the payment link
    Then every order succeeded
    And the p(50) order latency rose by 200ms

  Scenario: Latency that stays on shows in every order after it
    Given a baseline of 10 orders
    When the payment link gets 200ms of downstream latency
    And 10 orders are placed
    Then every order succeeded
    And every order takes at least 200ms
