@cpu
Feature: CPU pressure on the order service
  CPU pressure (stress-ng workers inside the service's own cgroup, as the seed's chaos example
  writes it) or a CPU quota slows everything the service does. Its time bounds must still hold:
  an attempt timeout still ends a hung payment call, the breaker still opens after its threshold
  and then fails fast, and the added latency is measured.

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 300 |
      | RETRY_MAX_ATTEMPTS | 1   |
      | BREAKER_THRESHOLD  | 100 |

  Scenario: 50% CPU pressure: orders still succeed, the added p(99) is measured, the attempt timeout and the breaker still hold
    Given the order service runs with:
      | BREAKER_THRESHOLD | 3    |
      | BREAKER_OPEN_MS   | 5000 |
    And a baseline of 20 orders
    When the order service is under 50% CPU pressure
    And 20 orders are placed
    Then every order succeeded
    And the p(99) order latency rose by at most 250ms
    When the payment gateway answers every charge after 2s
    And 3 orders are placed
    Then every order failed with 504 within 300ms
    When an order is placed
    Then the order fails with 503 within 50ms
    And the breaker state in /metrics is open

  Scenario: A quota of 20% of one CPU: readiness holds, the added p(99) is measured, and the attempt timeout still ends a hung call
    Given a baseline of 20 orders
    When the order service may use only 20% of one CPU
    And 20 orders are placed
    Then every order succeeded
    And the p(99) order latency rose by at most 500ms
    And GET /health/ready answers 200
    When the payment gateway answers every charge after 2s
    And 3 orders are placed
    # The quota is 20 ms of CPU per 100 ms period: a timer that fires when the period's 20 ms are spent
    # runs in the next period, up to 80 ms late. The bound is the 300 ms timeout plus that wait.
    Then every order failed with 504 within 380ms
    When the CPU pressure on the order service ends
    And the payment gateway answers every charge after 0ms
    Then orders succeed again within 2s
