@replicas
Feature: Order-service replicas behind a load balancer
  Three replicas of the order service (one database, one payment gateway) behind HAProxy, which
  checks GET /health/ready every 500ms (250ms while a server changes state; 300ms check timeout;
  down after 2 failed checks, up after 2 good ones) and tries a failed request again on another
  replica (retries 3, option redispatch 1) when the connection failed, the replica closed it without
  answering, or did not answer within 5s. Reads are always tried again; an order only when it
  carries its Idempotency-Key, which makes the repeat safe. A replica that stops answering leaves
  rotation within 1750ms: the next check starts at most 500ms after the stall, a check without an
  answer fails after its 500ms interval, and the second failed check follows 250ms later
  (500 + 500 + 250 + 500).

  Background:
    Given the 3 order-service replicas are in rotation behind the balancer

  @replicas-kill
  Scenario: A replica killed under load costs no read and no acknowledged order
    When orders are placed and read at 20 per second each for 4s while replica-2 receives SIGKILL after 1s
    Then no order read failed
    And at most 0 orders failed, each with a documented problem
    And every acknowledged order is stored exactly once

  @replicas-pause
  Scenario: A paused replica leaves rotation within the health-check bound
    When replica-3 is paused
    Then the balancer takes replica-3 out of rotation within 1.75s

  @replicas-sigterm
  Scenario: A replica stopped with SIGTERM under load drains without the balancer noticing
    The replica turns unready at once and keeps serving for its 1.5s grace period, longer than the
    750ms the health check needs to take it out: no request has to be retried elsewhere.
    When orders are placed and read at 20 per second each for 4s while replica-2 receives SIGTERM after 1s
    Then no order failed
    And no order read failed
    And the balancer retried no request
