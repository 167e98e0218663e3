@rate-limit
Feature: Per-key rate limiting with a token bucket
  A key may send a burst of B orders; beyond it the service answers 429 with Retry-After and the
  IETF RateLimit headers, refills at r per second, and other keys are not affected.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_BURST          | 5 |
      | RATE_LIMIT_REFILL_PER_SEC | 1 |

  Scenario: A burst of B + 2 orders: B pass counting down, 2 are limited, the bucket refills
    When a burst of 7 orders is sent with the first API key
    Then 5 orders succeeded and 2 failed with 429 within 100ms
    And the accepted orders show RateLimit remaining "4, 3, 2, 1, 0"
    And every 429 carries Retry-After of at least 1 second and the RateLimit-Policy '"per-key";q=5;w=5'
    And an order with the second API key succeeds
    And an order with the first API key succeeds again within 2s
