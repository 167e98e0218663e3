@shared-rate-limit
Feature: One rate limit for all replicas, in Redis
  With RATE_LIMIT_STORE=redis the token buckets live in Redis (behind the "cache" link), one per
  caller for every replica of the order service: a key gets its burst of B once, whichever replicas
  its requests reach. When Redis cannot be asked (the link down: refused at once; Redis paused: past
  the 50ms timeout), RATE_LIMIT_ON_STORE_ERROR decides: "open" lets requests through unmetered and
  counts them, "closed" refuses them with a 503 problem document and Retry-After. The buckets refill
  at 0.1 token per second, so that none gains a token within a scenario.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_STORE          | redis |
      | RATE_LIMIT_BURST          | 5     |
      | RATE_LIMIT_REFILL_PER_SEC | 0.1   |
      | RATE_LIMIT_ON_STORE_ERROR | open  |
    And the shared rate-limit buckets are empty

  @shared-rate-limit-replicas
  Scenario: A burst of B + 2 orders spread over 3 replicas: B pass counting down, 2 are limited
    Given 2 more replicas of the order service run with the same settings
    When a burst of 7 orders is sent with the first API key, round-robin to the 3 replicas
    Then 5 orders succeeded and 2 failed with 429 within 100ms
    And the accepted orders show RateLimit remaining "4, 3, 2, 1, 0"
    And every 429 carries Retry-After of 10 seconds and the RateLimit-Policy '"per-key";q=5;w=50'

  @shared-rate-limit-open
  Scenario: Redis unreachable, failing open: orders pass unmetered and counted; the limit holds again when it is back
    When the cache link goes down
    And a burst of 7 orders is sent with the first API key
    Then every order succeeded
    And the order service let 7 requests through without the shared rate limit
    When the cache link comes back
    Then requests with the second API key are metered by the shared rate limit again within 2s
    When a burst of 7 orders is sent with the first API key
    Then 5 orders succeeded and 2 failed with 429 within 100ms

  @shared-rate-limit-closed
  Scenario: Redis paused, failing closed: 503 problem documents with Retry-After after the 50ms timeout, never a 500; orders pass again when it is back
    Given the order service runs with:
      | RATE_LIMIT_ON_STORE_ERROR | closed |
    When the redis is paused
    And a burst of 3 orders is sent with the first API key
    Then every order failed with 503 within 100ms
    And every 503 is a problem document of type "/problems/rate-limit-unavailable" with a Retry-After of 1 second
    When the redis is resumed
    Then an order with the first API key succeeds again within 2s
    When a burst of 6 orders is sent with the first API key
    Then 4 orders succeeded and 2 failed with 429 within 100ms
