@timeouts
Feature: Timeouts bound every payment attempt and the whole payment
  A black-holed payment link must not hold a client longer than the attempt timeout per attempt
  and the total deadline overall; latency below the attempt timeout passes untouched.

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 300  |
      | TOTAL_DEADLINE_MS  | 1000 |
      | RETRY_BASE_MS      | 20   |
      | RETRY_CAP_MS       | 40   |
      | BREAKER_THRESHOLD  | 100  |

  Scenario: One attempt into a black hole times out at the attempt timeout
    Given the order service runs with:
      | RETRY_MAX_ATTEMPTS | 1 |
    When the payment link gets a timeout toxic with "timeout=0" on downstream
    And an order is placed
    Then the order fails with 504 after between 300ms and 300ms
    And the payment gateway received 1 attempt for that order
    And /metrics counted 1 more payment_attempts_total with outcome "timeout"
    And /metrics counted 1 more payment_attempt_timeouts_total

  # 3 attempts of 300ms plus backoffs of at most 20ms and 40ms end before the 1000ms deadline.
  Scenario: Every attempt times out and the total stays within the deadline
    Given the order service runs with:
      | RETRY_MAX_ATTEMPTS | 3 |
    When the payment link gets a timeout toxic with "timeout=0" on downstream
    And an order is placed
    Then the order fails with 504 after between 900ms and 1000ms
    And the payment gateway received 3 attempts for that order

  Scenario: Latency below the attempt timeout passes untouched
    Given the order service runs with:
      | RETRY_MAX_ATTEMPTS | 3 |
    When the payment link gets 150ms of downstream latency
    And 5 orders are placed
    Then every order succeeded
    And every order takes at least 150ms
    And the payment gateway received 5 charges

  # ATTEMPT_TIMEOUT_MS=0 turns the attempt timeout off: a charge answered after 600 ms, twice the
  # attempt timeout the other scenarios use, still succeeds inside the 1000 ms deadline, in one attempt.
  @attempt-timeout-off
  Scenario: With the attempt timeout off, only the deadline bounds a slow charge
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 0 |
      | RETRY_MAX_ATTEMPTS | 3 |
    And the payment gateway answers every charge after 600ms
    When an order is placed
    Then every order succeeded
    And every order takes at least 600ms
    And the payment gateway received 1 attempt for that order

  # The second attempt (800 ms timeout, sent at about 820 ms) is still in flight when the 1000 ms
  # deadline comes: the deadline ends it there, not its own timeout at about 1620 ms, and it is not
  # counted as an attempt that ran into its own timeout.
  @deadline-cuts-attempt
  Scenario: An attempt in flight at the deadline ends at the deadline
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 800 |
      | RETRY_MAX_ATTEMPTS | 3   |
    When the payment link gets a timeout toxic with "timeout=0" on downstream
    And an order is placed
    Then the order fails with 504 after between 1000ms and 1000ms
    And the payment gateway received 2 attempts for that order
    And /metrics counted 2 more payment_attempts_total with outcome "timeout"
    And /metrics counted 1 more payment_attempt_timeouts_total

  # The first attempt times out at 300ms; the 400ms backoff is cut to end at the 600ms deadline,
  # where no second attempt may start: the order ends in a 504 at the deadline.
  @deadline
  Scenario: No attempt starts at or after the deadline
    Given the order service runs with:
      | RETRY_MAX_ATTEMPTS | 3    |
      | RETRY_JITTER       | none |
      | RETRY_BASE_MS      | 400  |
      | RETRY_CAP_MS       | 400  |
      | TOTAL_DEADLINE_MS  | 600  |
    When the payment link gets a timeout toxic with "timeout=0" on downstream
    And an order is placed
    Then no charge attempt for that order reached the payment gateway at or after its 600ms deadline
    And the order fails with 504 after between 600ms and 600ms
