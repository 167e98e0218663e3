@events
Feature: Order events: a transactional outbox, at-least-once delivery, an idempotent worker and a dead-letter stream
  Every order is stored with its order.paid event in one transaction; a relay in the order service
  publishes pending events to NATS JetStream with the event id as the de-duplication key. The
  fulfilment worker consumes them with explicit acks after the shipping call, skips events it has
  already processed, redelivers failures with equal-jitter backoff (base 200ms, cap 1s here) and,
  after MAX_DELIVER (4 here) failed deliveries, moves the event to the dead-letter stream with every
  error it met. After each scenario the events checker reads the orders, the shipping upstream's
  journal and the dead-letter stream: every acknowledged order shipped exactly once or dead-lettered,
  nothing lost, nothing shipped twice, no shipment without an order.
  Links: "broker" (order service to NATS), "broker-worker" (worker to NATS), "shipping" (worker to
  the shipping upstream), "worker-db" (worker to its database).

  @events-broker-down
  Scenario: The broker unreachable for 5 seconds: orders still succeed, every event is delivered after the heal
    Given the broker link goes down
    When 20 orders are being placed at 4 per second
    And the orders being placed are done
    Then every order succeeded
    When the broker link comes back
    Then within 5s every order is shipped exactly once

  @events-lost-publish-ack
  Scenario: The relay's publish is stored but its acknowledgement is lost: published again, de-duplicated, shipped once
    Given the broker link gets a timeout toxic with "timeout=0" on downstream
    When 3 orders are placed
    Then every order succeeded
    When the outbox relay has seen 1 publish go unacknowledged
    And the broker link's faults are removed
    Then within 15s every order is shipped exactly once
    And JetStream dropped at least 1 duplicate publish of the relay

  @events-worker-crash
  Scenario: The worker killed while its shipping call is in flight: the event is redelivered and shipped exactly once
    Given the shipping upstream answers POST /customers/customer-7/shipments with a delay of 2s for the next request
    When 1 order is placed for customer "customer-7"
    And the shipping upstream has received the last order
    And the fulfilment worker is killed with SIGKILL
    And the killed fulfilment worker is started again
    Then within 15s every order is shipped exactly once

  @events-lost-ack
  Scenario: The worker killed after shipping, before its ack reached the broker: redelivered, not shipped again
    Given the shipping upstream answers POST /customers/customer-8/shipments with a delay of 600ms for the next request
    When 1 order is placed for customer "customer-8"
    And the shipping upstream has received the last order
    And the broker-worker link goes down
    And the fulfilment worker has recorded the last order as processed
    And the fulfilment worker is killed with SIGKILL
    And the broker-worker link comes back
    And the killed fulfilment worker is started again
    Then within 15s every order is shipped exactly once
    And the shipping upstream was called exactly once per order

  @events-poison
  Scenario: A poison message is dead-lettered after exactly MAX_DELIVER deliveries while the other orders keep flowing
    Given the shipping upstream answers POST /customers/poison-1/shipments with 422 for every request
    When 1 order is placed for customer "poison-1"
    And 5 orders are placed
    Then within 5s every order is shipped exactly once or dead-lettered
    And the order for customer "poison-1" was dead-lettered after exactly 4 deliveries with 4 errors recorded

  @events-backoff
  Scenario: Shipping slow, then failing: redeliveries back off inside the envelope until the event is dead-lettered
    Given the shipping upstream answers POST /customers/slow-1/shipments with a delay of 1500ms for the next 2 requests
    And the shipping upstream answers POST /customers/slow-1/shipments with 503 for every request
    When 1 order is placed for customer "slow-1"
    Then within 15s every order is shipped exactly once or dead-lettered
    And the order for customer "slow-1" was dead-lettered after exactly 4 deliveries with 4 errors recorded
    And the redelivery gaps of the order for customer "slow-1" stay inside the envelope of base 200ms and cap 1s

  @events-shutdown
  Scenario: The worker stopped with SIGTERM under load: it finishes the event in hand, nothing is lost or shipped twice
    When 30 orders are being placed at 10 per second
    And the shipping upstream has received 5 shipment requests
    And the fulfilment worker receives SIGTERM
    Then the fulfilment worker exits with code 0
    When the fulfilment worker is restarted after its exit
    And the orders being placed are done
    Then every order succeeded
    And within 20s every order is shipped exactly once
    And the shipping upstream was called exactly once per order

  @events-burst
  Scenario: A burst of 40 orders: the backlog drains at a measured rate
    When 40 orders are placed
    Then every order succeeded
    And within 20s every order is shipped exactly once
    And the events drained at 10 or more orders per second
