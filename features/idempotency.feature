@idempotency
Feature: An idempotent replay returns the stored order and charges nothing
  The same Idempotency-Key with the same body from the same caller answers 201 with the stored
  order, marked Idempotent-Replayed, and the gateway is not called again: a replay that charges
  once more bills the customer twice while its answer still looks right.

  Scenario: A replay answers with the stored order and causes no charge at the gateway
    When an order is placed
    And the same order is placed again with its Idempotency-Key
    Then the replay answered 201 with the same order, marked Idempotent-Replayed
    And the replay caused 0 charges at the payment gateway
