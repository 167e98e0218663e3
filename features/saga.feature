@saga
Feature: The order saga: reserve, charge, store, and compensate what was done
  POST /orders reserves inventory (the "inventory" link), charges the payment gateway and stores the
  order, recording each step first. A definitive failure after a completed step releases the
  reservation and refunds the charge, retried with backoff until done, each step once under one
  idempotency key; a service killed mid-saga finishes or compensates it after its restart. After each
  scenario the integrity checker reads both upstreams' journals and the orders: every charge belongs
  to a stored order or was refunded, every live reservation to a stored order, and nothing was
  compensated twice.

  @saga-out-of-stock
  Scenario: Out of stock: the order fails with 409 and nothing is charged
    Given the inventory upstream answers POST /reservations with 409 for the next request
    When an order is placed
    Then the order fails with 409 within 1s
    And the payment gateway received 0 charges
    And within 5s the integrity checker finds every charge and reservation accounted for

  @saga-payment-fails
  Scenario: The payment fails definitively after the reservation: the reservation is released exactly once
    Given the payment gateway upstream answers POST /charges with 400 for the next request
    When an order is placed
    Then the order fails with 502 within 1s
    And within 5s the integrity checker finds every charge and reservation accounted for
    And the integrity checker counted 0 charges, 0 refunds, 1 reservation and 1 release

  # The charge is answered after 300 ms, inside the order service's 500 ms attempt timeout: the
  # service gets its 201, goes on to store the order against a database link that no longer answers,
  # and is killed there.
  @saga-crash
  Scenario: The service killed between the charge and the store: after its restart the saga is finished
    Given the payment gateway upstream answers POST /charges with a delay of 300ms for the next request
    When an order is being placed
    And the payment gateway upstream has received 1 POST /charges request
    And the db-primary link gets a timeout toxic with "timeout=0" on upstream
    And the payment gateway upstream has answered 1 POST /charges request
    And the order service is killed with SIGKILL
    And the order being placed has ended
    And the db-primary link's faults are removed
    And the killed order service is started again
    Then within 5s the integrity checker finds every charge and reservation accounted for
    And the integrity checker counted 1 charge, 0 refunds, 1 reservation and 0 releases

  @saga-compensation-retry
  Scenario: The inventory unreachable during a compensation: it completes after the heal, each step once
    Given the payment gateway upstream answers POST /charges with a delay of 500ms for the next request
    When an order is being placed
    And the payment gateway upstream has received 1 POST /charges request
    And the db-primary link gets a timeout toxic with "timeout=0" on upstream
    And the inventory link goes down
    And the order being placed has ended
    Then the order fails with 503 within 3s
    When the order service has failed 2 compensation attempts
    And the db-primary link's faults are removed
    And the inventory link comes back
    Then within 5s the integrity checker finds every charge and reservation accounted for
    And the integrity checker counted 1 charge, 1 refund, 1 reservation and 1 release
