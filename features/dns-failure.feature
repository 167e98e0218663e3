@dns
Feature: A dependency's host name stops resolving
  The order service reaches its dependencies through Toxiproxy's host name ("toxiproxy"). When its
  queries for that name are refused or go unanswered, the connections it already holds keep
  working and every new connection fails: a payment on a new connection must end in a documented
  error within the attempt timeout, liveness must not depend on it, and everything recovers when
  names resolve again. The payment link is cut and restored first, so that no connection is held.

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 300 |
      | RETRY_MAX_ATTEMPTS | 1   |
      | BREAKER_THRESHOLD  | 100 |

  Scenario: Refused name lookups: payments fail fast with 503 and succeed again once names resolve
    When the order service cannot resolve "toxiproxy"
    And the payment link goes down
    And the payment link comes back
    And 3 orders are placed
    Then every order failed with 503 within 300ms
    And GET /health/live answers 200
    When the order service can resolve names again
    Then orders succeed again within 2s

  Scenario: Unanswered name lookups: the attempt timeout still ends each payment
    When the DNS queries of the order service for "toxiproxy" go unanswered
    And the payment link goes down
    And the payment link comes back
    And 3 orders are placed
    Then every order failed with 504 within 300ms
    # Each abandoned lookup still holds one of libuv's 4 threads until the resolver gives up (5 s
    # per try, 2 tries, from resolv.conf's defaults), and new lookups queue behind them: recovery
    # waits for them, not for the name.
    When the order service can resolve names again
    Then orders succeed again within 12s
