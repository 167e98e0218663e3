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
