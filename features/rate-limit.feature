@rate-limit
Feature: Per-key rate limiting with a token bucket
  A key may send a burst of B orders; beyond it the service answers 429 with Retry-After and the
  IETF RateLimit headers, refills at r per second, and other keys are not affected.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_BURST          | 5 |
      | RATE_LIMIT_REFILL_PER_SEC | 1 |

  # Refilled at 2 tokens a second, the bucket's window is 3 s (5 / 2, rounded up) and a token is back
  # within half a second: the last accepted order and the 429s say 1 s, rounded up.
  Scenario: A burst of B + 2 orders: B pass counting down, 2 are limited, the bucket refills
    Given the order service runs with:
      | RATE_LIMIT_REFILL_PER_SEC | 2 |
    When a burst of 7 orders is sent with the first API key
    Then 5 orders succeeded and 2 failed with 429 within 100ms
    And the accepted orders show RateLimit remaining "4, 3, 2, 1, 0"
    And the accepted orders show RateLimit seconds to the next token "0, 0, 0, 0, 1"
    And every 429 carries Retry-After of 1 second and the RateLimit-Policy '"per-key";q=5;w=3'
    And an order with the second API key succeeds
    And an order with the first API key succeeds again within 1s

  # A burst of 4 restarts the service: the buckets start full, and the second key is used by
  # nobody before this scenario's own orders (the warm-up has a key of its own). At 1 token a second
  # the 429 that ends the first key's orders says a token is back within 1 s.
  @rate-limit-isolation
  Scenario: A key nobody used gets its whole burst while another key is exhausted
    Given the order service runs with:
      | RATE_LIMIT_BURST | 4 |
    When the first API key has used up its bucket
    Then every 429 carries Retry-After of 1 second and the RateLimit-Policy '"per-key";q=4;w=4'
    And the second API key, unused so far, gets 4 orders through with RateLimit remaining "3, 2, 1, 0"
    And an order with the first API key is refused with 429

  # Token subjects are many, so the limiter bounds the buckets it holds: past RATE_LIMIT_MAX_KEYS it
  # forgets the full ones (a full bucket answers as no bucket would), and only those. At 2 tokens a
  # second a bucket used once is full again after 0.5 s, a used-up one ("hog") after 2.5 s; the
  # warm-up's used-up bucket is full again before "hog" starts.
  @rate-limit-memory
  Scenario: Past its bound on callers the limiter forgets the full buckets, and only those
    Given the order service accepts bearer tokens with a leeway of 0s
    And the order service runs with:
      | RATE_LIMIT_MAX_KEYS       | 3 |
      | RATE_LIMIT_REFILL_PER_SEC | 2 |
    When the warm-up's bucket is full again
    And user "hog" has used up its bucket
    And users "a, b" place an order each
    Then /metrics shows rate_limit_buckets at 3
    When the buckets used once are full again
    And users "c" place an order each
    Then /metrics shows rate_limit_buckets at 2
    When the buckets used once are full again
    And users "d" place an order each
    Then /metrics shows rate_limit_buckets at 3
