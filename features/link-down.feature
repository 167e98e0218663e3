Feature: A dependency link going down
  When the payment gateway cannot be reached the service answers quickly with a clear error,
  and serves orders again soon after the link is back.

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 500  |
      | RETRY_MAX_ATTEMPTS | 3    |
      | RETRY_BASE_MS      | 50   |
      | BREAKER_THRESHOLD  | 5    |

  Scenario: The payment link goes down, then comes back
    When the payment link goes down
    And an order is placed
    Then the order fails with 503 or 504 within 500ms
    When the payment link comes back
    Then orders succeed again within 2s
