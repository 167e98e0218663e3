@dr
Feature: Disaster recovery: failover without losing acknowledged orders
  A PostgreSQL primary with a hot standby streaming through the "replication" link. Writers place
  orders the whole time and record every outcome; after recovery a checker compares that history
  with what the database holds. RTO: from the fault to the first acknowledged write. RPO: the
  number of acknowledged orders lost.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_BURST          | 100000 |
      | RATE_LIMIT_REFILL_PER_SEC | 100000 |

  @dr-sync
  Scenario: Unplanned failover under load with synchronous replication loses nothing
    Given synchronous replication to the standby
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And the replication link is cut
    And the replication link stays cut for 1s
    And the primary is killed
    And the standby is promoted
    Then writes are acknowledged again within 10s of the fault
    And after recovery the checker finds 0 lost and 0 duplicated orders

  Scenario: Asynchronous replication cut before the kill loses acknowledged orders
    Given asynchronous replication to the standby
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And the replication link is cut
    And the writers have 20 more acknowledged orders
    And the primary is killed
    And the standby is promoted
    Then writes are acknowledged again within 10s of the fault
    And after recovery the checker finds lost orders, all committed after the standby's last replicated write, which was at most 500ms before the cut

  Scenario: Synchronous replication cut: nothing is acknowledged until it heals
    Given synchronous replication to the standby
    And 4 writers place orders continuously
    When the writers have 10 acknowledged orders
    And the replication link is cut for 3s
    Then no order was acknowledged while the replication link was cut
    And every order that failed during the cut answered 503 or 504 within 2500ms
    And writes are acknowledged again within 10s of the healing

  Scenario: A partition from a primary that keeps running: fencing prevents split brain
    Given synchronous replication to the standby
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And the order service is partitioned from the primary
    And the standby is promoted
    Then writes are acknowledged again within 10s of the fault
    And no order exists only on the old primary
    And the old primary took no write after the promotion

  Scenario: Clients retrying one idempotency key across a failover get exactly one order each
    Given synchronous replication to the standby
    When 10 clients each retry their own order until it is acknowledged while the primary is killed and the standby promoted
    Then every key has exactly one order and every 2xx for a key carried the same order id

  Scenario: A dump of a consistent snapshot taken under load restores exactly
    Given 10000 orders in the database
    And 4 writers place orders continuously
    When the writers have 10 acknowledged orders
    And a snapshot of the orders is dumped while the writers run
    And the dump is restored into a fresh PostgreSQL container
    Then the restored orders match the snapshot's row count and checksum
    And the restore took less than 60s

  Scenario: Failback: the old primary rejoins as a standby and a switchover brings it back
    Given synchronous replication to the standby
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And the primary is killed
    And the standby is promoted
    And the writers have 20 more acknowledged orders
    And the old primary rejoins as a standby of the new primary
    And a switchover makes it the primary again
    And the writers have 20 more acknowledged orders
    Then after recovery the checker finds 0 lost and 0 duplicated orders
