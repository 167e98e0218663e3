@clock
Feature: Clock steps do not refill or freeze the rate limit
  The order service times its token buckets with the monotonic clock, which an NTP step leaves
  alone. Its wall clock is moved while it runs (libfaketime, preloaded when the scenario starts the
  service, one restart): a jump of an hour forward must not refill an empty bucket, and a jump back
  must not stop it refilling at its rate.

  Background:
    Given the order service runs with a controllable clock
    And the order service runs with:
      | RATE_LIMIT_BURST          | 5   |
      | RATE_LIMIT_REFILL_PER_SEC | 0.5 |

  Scenario: An hour's jump forward does not refill an empty bucket
    When a burst of 5 orders is sent with the first API key
    And the clock of the order service jumps 1h forward
    Then an order with the first API key is refused with 429

  Scenario: A jump back does not stop the bucket refilling at its rate
    When a burst of 5 orders is sent with the first API key
    And the clock of the order service jumps 1h back
    Then an order with the first API key succeeds again within 3s
