@bulkhead
Feature: The bulkhead bounds concurrent payments and sheds the excess fast
  With a limit L and a queue Q, L + Q + k concurrent orders against a slow gateway give exactly
  k fast 503s, and the gateway never sees more than L charges at once.

  Background:
    Given the order service runs with:
      | BULKHEAD_LIMIT     | 2    |
      | BULKHEAD_QUEUE     | 2    |
      | RETRY_MAX_ATTEMPTS | 1    |
      | ATTEMPT_TIMEOUT_MS | 1000 |
      | TOTAL_DEADLINE_MS  | 3000 |
      | BREAKER_THRESHOLD  | 1000 |

  @retry-after
  Scenario: L + Q + 3 concurrent orders: exactly 3 are rejected fast
    Given the payment gateway answers every charge after 500ms
    When 7 orders are placed at once
    Then 4 orders succeeded and 3 failed with 503 within 50ms
    And the payment gateway never had more than 2 charges in flight
    And every 503 and 429 answer of this scenario carried a Retry-After
    And /metrics counted 3 more bulkhead_rejections_total
