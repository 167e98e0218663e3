@deployments
Feature: Deployments through the load balancer
  A deployment drives HAProxy's runtime API: it takes a replica out of rotation before it stops it,
  and puts it back only once the health check sees it UP. Traffic keeps flowing throughout.

  Background:
    Given the 3 order-service replicas are in rotation behind the balancer

  @deploy-rolling
  Scenario: A rolling restart of every replica under load fails no request
    Each replica in turn is drained (no new requests), left until its requests in flight are done,
    stopped with SIGTERM, started again and put back in rotation once HAProxy sees it UP.
    When every replica is restarted one at a time while orders are placed at 20 per second
    Then no order failed
    And every acknowledged order is stored exactly once

  @deploy-blue-green
  Scenario: Blue-green to a good version under load fails no request
    Three green replicas of the new version start beside the blue ones with weight 0; once HAProxy's
    health check sees all of them UP, one runtime API line moves every weight from blue to green.
    Blue keeps running for a rollback.
    When a green set with LOG_LEVEL "warn" takes all the traffic at once while orders are placed at 20 per second
    Then no order failed
    And every order after the switch was answered by the green set
    And every acknowledged order is stored exactly once

  @deploy-canary
  Scenario: A bad canary is rolled back automatically
    The new version points at a payment endpoint that does not exist: it is ready (readiness does not
    look at the payment gateway), so only the canary checks can stop it. At 20 orders per second and
    10% for 2s, about 4 orders reach it before the first check; the rollback itself (from the failed
    check to HAProxy confirming weight 0) is one runtime API line, and the bad version is exposed for
    at most one step after its first failed answer.
    When a canary with PAYMENT_URL "http://payment-gateway-v2:8080" is rolled out at "10%, 25%, 50% and 100%" of the traffic, 2s a step, while orders are placed at 20 per second, each step checked against:
      | http_req_failed   | rate<0.01   |
      | http_req_duration | p(99)<500   |
    Then the canary was rolled back to 0% of the traffic
    And the canary answered at most 10 orders
    And the rollback took at most 100ms
    And the bad version was exposed for at most 2.5s from its first failed answer
    And at most 10 orders failed, each with a documented problem
