@load
Feature: Service level objectives under load
  Paced, open-loop load (autocannon, coordinated-omission correction off, timeouts counted at
  their timeout) measured per phase, against thresholds in k6's syntax.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_BURST          | 100000 |
      | RATE_LIMIT_REFILL_PER_SEC | 100000 |
      | ATTEMPT_TIMEOUT_MS        | 500    |
      | BREAKER_THRESHOLD         | 5      |
      | BREAKER_OPEN_MS           | 30000  |

  Scenario: Steady state without faults
    When a load of 50 requests/s runs for 5s against POST /orders
    Then these thresholds hold during the load phase:
      | p(99)<300ms |
      | rate<0.01   |

  Scenario: The SLO holds while the payment link is slow but under the attempt timeout
    When the baseline phase runs 50 requests/s for 3s against POST /orders
    And the payment link gets 100ms of downstream latency
    And the fault phase runs 50 requests/s for 5s against POST /orders
    Then these thresholds hold during the fault phase:
      | p(50)>=100ms |
      | p(99)<400ms  |
      | rate<0.01    |

  Scenario: Fail fast under load while the breaker is open
    Given the payment circuit breaker has been opened by 5 failures
    When the open phase runs 100 requests/s for 5s against POST /orders
    Then these thresholds hold during the open phase:
      | p(99)<50ms |
    And the payment gateway received 0 charges since the breaker opened

  Scenario: Latency recovers after the fault ends
    When the payment link gets 300ms of downstream latency
    And the fault phase runs 20 requests/s for 3s against POST /orders
    And the payment link's faults are removed
    Then p(99) latency is back under 100ms within 5s of the fault ending
