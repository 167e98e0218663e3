@process-faults
Feature: Process faults: a paused, killed or crash-looping container
  A paused process (cgroup freezer, as in a long GC pause or a VM stall) keeps its connections open
  and answers nothing: only the caller's own timeouts end its calls. A killed dependency refuses
  connections until it is back. The order service answers each with a documented error, never
  hangs past its bounds, and recovers when the process does.

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 300  |
      | RETRY_MAX_ATTEMPTS | 1    |
      | BREAKER_THRESHOLD  | 3    |
      | BREAKER_OPEN_MS    | 1500 |

  @process-pause
  Scenario: The payment gateway paused: attempt timeouts fire, the breaker opens, and closes after the resume
    When the payment gateway is paused
    And 3 orders are placed
    Then every order failed with 504 within 300ms
    When an order is placed
    Then the order fails with 503 within 50ms
    And the breaker state in /metrics is open
    When the payment gateway is resumed
    And the breaker's open period has passed
    And an order is placed
    Then every order succeeded
    And the breaker state in /metrics is closed

  @process-pause
  Scenario: The database paused: readiness turns 503 within its check timeout, liveness stays 200, no acknowledged order is lost
    Given the order service runs with:
      | READY_DB_TIMEOUT_MS | 500 |
    When 3 orders are placed
    Then every order succeeded
    When the postgres primary is paused
    Then GET /health/ready answers 503 within 1s
    And GET /health/live answers 200
    When the postgres primary is resumed
    Then GET /health/ready answers 200 within 2s
    And orders succeed again within 2s
    And every acknowledged order can still be read back

  @process-kill
  Scenario: The payment gateway killed: orders fail fast with a documented error and succeed once it is back
    When the payment gateway is killed with SIGKILL
    And 3 orders are placed
    Then every order failed with 503 within 300ms
    When the killed payment gateway is started again
    Then orders succeed again within 3s

  @process-restart-loop
  Scenario: The payment gateway crash-loops: every order ends in 201 or a documented error, within its deadline
    Given the order service runs with:
      | BREAKER_THRESHOLD | 1000 |
    When the payment gateway crash-loops every 1s
    And 20 orders are placed
    Then every order ends in "201, 502, 503, 504" within 1s
    When the payment gateway stops crash-looping
    Then orders succeed again within 3s

  @process-restart
  Scenario: The payment gateway crashes and restarts between orders: the next orders succeed
    Given 3 orders are placed
    When the payment gateway crashes and is started again
    Then orders succeed again within 3s

  @process-kill
  Scenario: The order service killed and started again: no acknowledged order is lost
    When 5 orders are placed
    Then every order succeeded
    When the order service crashes and is started again
    Then every acknowledged order can still be read back
