@ingress
Feature: Client-side faults do not hurt the service
  Slow clients and clients whose connection is reset mid-response neither crash the service nor
  leak bulkhead slots: a following burst still gets the full concurrency.

  Background:
    Given the order service runs with:
      | BULKHEAD_LIMIT     | 2    |
      | BULKHEAD_QUEUE     | 0    |
      | RETRY_MAX_ATTEMPTS | 1    |
      | BREAKER_THRESHOLD  | 1000 |

  Scenario: A slow client (1 KB/s) does not hold bulkhead slots
    When the ingress link gets a bandwidth toxic with "rate=1" on downstream
    And 2 orders are placed at once
    And the ingress link's faults are removed
    And the payment gateway answers every charge after 300ms
    And 2 orders are placed at once
    Then every order succeeded
    And the payment gateway had 2 charges in flight at once

  Scenario: Clients reset mid-response do not crash the service or leak slots
    Given the payment gateway answers every charge after 300ms
    When the ingress link gets a reset_peer toxic with "timeout=100" on downstream
    And 2 orders are placed at once
    Then no order got an answer
    When the ingress link's faults are removed
    And 2 orders are placed at once
    Then every order succeeded
    And the payment gateway had 2 charges in flight at once
    And GET /health/live answers 200
