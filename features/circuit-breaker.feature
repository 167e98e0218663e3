@breaker
Feature: The circuit breaker stops calling a failing payment gateway
  After N consecutive failures the breaker opens: calls fail fast with 503 and Retry-After and
  the gateway sees nothing. After the open period exactly one probe passes; concurrent calls are
  rejected, not queued. A good probe closes the breaker, a bad one reopens it.

  Background:
    Given the order service runs with:
      | BREAKER_THRESHOLD  | 3    |
      | BREAKER_OPEN_MS    | 1500 |
      | RETRY_MAX_ATTEMPTS | 1    |
      | ATTEMPT_TIMEOUT_MS | 500  |

  Scenario: Consecutive 500s open the breaker and it fails fast
    Given the payment gateway answers the next 3 charges with 500
    When 3 orders are placed
    Then every order failed with 502
    When 5 orders are placed
    Then every order failed with 503 within 50ms
    And every answer carries a Retry-After of 2 seconds, the open time left rounded up
    And the payment gateway received 3 charges
    And the breaker state in /metrics is open
    And /metrics counted these breaker transitions: open 1, half_open 0, closed 0
    And /metrics counted 3 more payment_attempts_total with outcome "failure"

  @retry-after
  Scenario: Connection resets open the breaker too
    When the payment link gets a reset_peer toxic with "timeout=0" on upstream
    And 3 orders are placed
    Then every order failed with 503
    When an order is placed
    Then the order fails with 503 within 50ms
    And the breaker state in /metrics is open
    And every 503 and 429 answer of this scenario carried a Retry-After

  Scenario: After the open period exactly one probe passes and a good probe closes the breaker
    Given the payment circuit breaker has been opened by 3 failures
    And the payment gateway answers every charge after 300ms
    When the breaker's open period has passed
    And 5 orders are placed at once
    Then 1 order succeeded and 4 failed with 503 within 50ms
    And the payment gateway received 1 charge since the breaker opened
    And the breaker state in /metrics is closed
    And /metrics counted these breaker transitions: open 1, half_open 1, closed 1

  Scenario: A failed probe reopens the breaker
    Given the payment circuit breaker has been opened by 3 failures
    And the payment gateway answers the next 1 charge with 500
    When the breaker's open period has passed
    And an order is placed
    Then the order fails with 502 within 500ms
    When an order is placed
    Then the order fails with 503 within 50ms
    And the breaker state in /metrics is open
    And /metrics counted these breaker transitions: open 2, half_open 1, closed 0

  # A gateway 4xx is the caller's fault, not the gateway's: in the closed state it is neither a
  # failure nor a success for the breaker. More 4xx than the threshold leave it closed, and a 4xx
  # between failures leaves their count as it was. (A 4xx answering the half-open probe closes the
  # circuit: the gateway answered.)
  @breaker-4xx
  Scenario: Gateway 4xx answers, more than the threshold, leave the breaker closed
    Given the payment gateway answers the next 4 charges with 422
    When 4 orders are placed
    Then the breaker state in /metrics is closed
    And /metrics counted these breaker transitions: open 0, half_open 0, closed 0
    And every order failed with 502
    And /metrics counted 4 more payment_attempts_total with outcome "rejected_4xx"

  @breaker-4xx
  Scenario: A gateway 4xx between failures does not reset their count
    Given the payment gateway answers the next charges with "500, 500, 422, 500"
    When 4 orders are placed
    Then the breaker state in /metrics is open
    And /metrics counted these breaker transitions: open 1, half_open 0, closed 0

  # IDEMPOTENCY_KEY_INDEX=memory: the service holds the keys of its stored orders (read at start,
  # added as it stores). While the breaker is open, a key it does not hold is refused at once, without
  # the database lookup that 300 ms on the db-primary link would show, and the keys it holds are still
  # replayed: order 1's, read from the table at the restart, and order 2's, added when it was stored.
  # The restarted process reads the table once.
  @breaker-key-index
  Scenario: With the key index in memory, an open breaker refuses unknown keys without a lookup and still replays stored orders
    Given the order service runs with:
      | IDEMPOTENCY_KEY_INDEX | memory |
    When an order is placed
    And the order service crashes and is started again
    And an order is placed
    And the payment gateway answers the next 3 charges with 500
    And 3 orders are placed
    And the db-primary link gets 300ms of downstream latency
    And 5 orders are placed
    Then every order failed with 503 within 50ms
    When order 1 of the scenario is placed again with its Idempotency-Key
    Then the replay answered 201 with the same order, marked Idempotent-Replayed
    When order 2 of the scenario is placed again with its Idempotency-Key
    Then the replay answered 201 with the same order, marked Idempotent-Replayed
    And the replay caused 0 charges at the payment gateway
    And every acknowledged order can still be read back
    And /metrics shows idempotency_key_index_loads_total at 1

  # The index is read in the background once the schema is migrated, without holding readiness. A
  # read that fails (bounded here at 20 ms, with the database answering 50 ms late) is retried a
  # second later, until one succeeds: meanwhile every key is looked up, as with the index off. In
  # its first 3 s (the first read follows the migration) that makes 2 to 4 failed reads.
  @breaker-key-index-retry
  Scenario: A failed read of the key index is retried every second until it succeeds
    Given the order service runs with:
      | IDEMPOTENCY_KEY_INDEX            | memory |
      | IDEMPOTENCY_KEY_INDEX_TIMEOUT_MS | 20     |
    When the db-primary link gets 50ms of downstream latency
    And the order service crashes and is started again
    And the order service has been up for 3s
    Then /metrics shows idempotency_key_index_loads_total with outcome "failed" from 2 to 4
    And /metrics shows idempotency_key_index_loads_total with outcome "loaded" at 0
    When the db-primary link's faults are removed
    Then /metrics shows idempotency_key_index_loads_total with outcome "loaded" at 1 within 2s
