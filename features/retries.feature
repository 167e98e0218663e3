@retries
Feature: Retries with exponential backoff and full jitter
  Transient gateway failures are retried with a delay drawn uniformly from
  [0, min(cap, base * 2^n)]; client errors are never retried; Retry-After is honoured, and a
  Retry-After beyond the deadline fails fast instead of waiting.

  Background:
    Given the order service runs with:
      | RETRY_MAX_ATTEMPTS | 3    |
      | RETRY_BASE_MS      | 100  |
      | RETRY_CAP_MS       | 400  |
      | RETRY_JITTER       | full |
      | ATTEMPT_TIMEOUT_MS | 500  |
      | TOTAL_DEADLINE_MS  | 3000 |
      | BREAKER_THRESHOLD  | 1000 |

  Scenario: First-retry delays are spread across the envelope, not constant
    Given the payment gateway answers "503, 200" to each of the next 30 orders
    When 30 orders are placed
    Then every order succeeded
    And the first-retry delays of those orders are spread across [0, 100ms]

  @retry-headers
  Scenario: 503, 503, 200 succeeds on the third attempt with gaps inside the envelope
    Given the payment gateway answers the next charges with "503, 503, 200"
    When an order is placed
    Then each of the 3 charge attempts at the payment gateway carried that order's Idempotency-Key and X-Request-Id
    And every order succeeded
    And the payment gateway received 3 attempts for that order
    And every retry gap is inside the full-jitter envelope of base 100ms and cap 400ms
    And /metrics counted 2 more payment_retries_total
    And /metrics counted 2 more payment_attempts_total with outcome "failure"
    And /metrics counted 1 more payment_attempts_total with outcome "success"

  # The scenario above in the generic words, which work for any service and any scriptable upstream.
  Scenario: Two 503s on POST /charges are retried inside the envelope, in generic steps
    Given the payment-gateway upstream answers POST /charges with 503 for the next 2 requests
    When a request is sent
    Then every request succeeded
    And the payment-gateway upstream received exactly 3 POST /charges requests
    And every gap between POST /charges attempts at the payment-gateway upstream is inside the full-jitter envelope of base 100ms and cap 400ms

  # Without jitter the waits are the exponential backoff itself, base then twice base: no random
  # draw may stand in for them (the attempts' arrivals at the gateway, 400 ms and 800 ms apart).
  @retry-no-jitter
  Scenario: Without jitter, the retries wait the exponential backoff exactly
    Given the order service runs with:
      | RETRY_JITTER  | none |
      | RETRY_BASE_MS | 400  |
      | RETRY_CAP_MS  | 800  |
    And the payment gateway answers the next charges with "503, 503, 200"
    When an order is placed
    Then every order succeeded
    And the gaps between that order's charge attempts are 400ms and 800ms

  Scenario Outline: A <status> from the gateway is never retried
    Given the payment gateway answers the next 1 charge with <status>
    When an order is placed
    Then every order failed with 502
    And the payment gateway received 1 attempt for that order

    Examples:
      | status |
      | 400    |
      | 401    |
      | 404    |
      | 409    |
      | 422    |
      | 501    |

  Scenario: Retry-After is honoured
    Given the payment gateway answers the next charge with 503 and Retry-After "1"
    When an order is placed
    Then every order succeeded
    And the payment gateway received 2 attempts for that order
    And the retry came at least 1s after the first attempt

  @retry-after
  Scenario: A Retry-After beyond the deadline fails fast
    Given the payment gateway answers the next charge with 503 and Retry-After "10"
    When an order is placed
    Then the order fails with 503 within 100ms
    And the payment gateway received 1 attempt for that order
    And every 503 and 429 answer of this scenario carried a Retry-After
