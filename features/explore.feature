@explore
Feature: Fault-space exploration
  The explorer places orders once without faults to learn which dependency interactions happen
  (each request to the payment gateway, the link it travels over), then places them again under
  every single fault at every interaction: HTTP answers at exactly that request (500, 503 with
  Retry-After, 429, a delay past the attempt timeout, a hang, a connection closed mid-body, a
  truncated body) and TCP faults on its link during that order (reset, black hole, latency past the
  timeout, link down) and the payment gateway's container paused during that order, then pairs
  along the interactions still reached, within the budget. Every
  run is judged by the contract: documented statuses only, problem+json errors, no answer past the
  payment deadline, at most one charge per order, no order acknowledged without its charge, and
  the service ready again. A failure is shrunk to its minimal fault set with a replay command.

  Scenario: No single fault or pair of faults at the payment interactions of placing 3 orders breaks the contract
    When every single fault is tried at every dependency interaction of placing 3 orders within 60 runs and 90 seconds
    Then no run broke the contract

  # On the cache and saga stack the workload reaches two upstreams (the inventory's reservations and
  # the payment gateway's charges), and the saga's integrity checker judges every run too: a fault
  # that makes the saga fail after its reservation must leave it released, one after the charge
  # must leave the charge refunded.
  @saga @explore-saga
  Scenario: No single fault at the saga's reservations and charges breaks the contract or the integrity of payments
    When every single fault is tried at every dependency interaction of placing 2 orders within 20 runs and 30 seconds
    Then no run broke the contract

  # On the events stack the workload's orders also travel through the outbox, JetStream and the
  # fulfilment worker to the shipping upstream, and the events checker judges every run too: a fault
  # at a charge or at a shipment must leave every acknowledged order shipped exactly once.
  @events @explore-events
  Scenario: No single fault at the charges and shipments of 2 orders loses or duplicates a shipment
    When every single fault is tried at every dependency interaction of placing 2 orders within 20 runs and 40 seconds
    Then no run broke the contract
