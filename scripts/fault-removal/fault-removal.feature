# Run by scripts/check-fault-removal.ts, not by the main run, in the order written. A scenario that
# passes with container faults active must leave none for the next one; then a scenario fails on
# purpose at its last step, with every kind of fault in place, and the one after it, on the same
# stack, must find none of them: neither the reset before it (which would hide a fault its
# predecessor left) nor Toxiproxy nor the engine (paused, CPU-limited, sidecars) afterwards.
Feature: A scenario leaves no fault behind, whether it passes or fails

  Scenario: A scenario passes with container faults active
    When the payment gateway is paused
    And the order service may use only 50% of one CPU
    And the order service is under 20% CPU pressure
    And the order service cannot resolve "postgres-primary"
    And the payment gateway's network delays packets by 100ms
    Then GET /health/live answers 200

  Scenario: The scenario after a passing one starts clean
    Then no fault was left over from the scenario before
    And no link has a fault
    And no container has a fault

  Scenario: A step throws while faults are active on three links and the payment gateway
    Given the payment gateway answers every charge with 500
    When the payment link gets 1s of downstream latency
    And the ingress link gets a slicer toxic with "average_size=64, size_variation=32, delay=1000" on downstream
    And the db-primary link goes down
    And the order service may use only 50% of one CPU
    And the order service is under 20% CPU pressure
    And the order service cannot resolve "postgres-primary"
    And the postgres primary is paused
    And the payment gateway's network delays packets by 100ms
    And an order is placed
    Then every order succeeded

  Scenario: The next scenario starts clean
    Then no fault was left over from the scenario before
    And no link has a fault
    And no container has a fault
    When an order is placed
    Then every order succeeded
