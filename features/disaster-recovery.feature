@dr
Feature: Disaster recovery: Patroni fails over without losing or splitting acknowledged orders
  Three PostgreSQL 15 members managed by Patroni 3.0, with etcd 3.4 as the DCS (ttl 10 s, loop_wait
  2 s, retry_timeout 4 s: loop_wait + 2 x retry_timeout <= ttl). Every member's client traffic,
  replication, REST API and etcd traffic pass through links of their own (client-pg-N,
  replication-pg-N, rest-pg-N, dcs-pg-N), so that each can be cut alone. The order service finds
  the primary with a multi-host connection string over the client links. Writers place orders the
  whole time and record every outcome; after recovery a checker compares that history with what the
  cluster holds. Nothing in the suite promotes or demotes a member: Patroni does. RTO: from the
  fault to the first acknowledged write. RPO: the acknowledged orders lost.

  Background:
    Given the order service runs with:
      | RATE_LIMIT_BURST          | 100000 |
      | RATE_LIMIT_REFILL_PER_SEC | 100000 |

  @dr-sync
  Scenario: The primary is killed under write load: Patroni promotes the synchronous replica, nothing is lost and each retried order is stored once
    Given Patroni replicates synchronously
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And the primary member's replication link is cut
    And 10 clients start retrying their own orders until each is acknowledged
    And the replication link stays cut for 1s
    And the primary member is killed
    Then Patroni promotes another member within 20s of the fault
    And writes are acknowledged again within 20s of the fault
    When the old primary member is started again
    Then it rejoins the cluster as a replica of the new primary
    And after recovery the checker finds 0 lost and 0 duplicated orders
    And every key has exactly one order and every 2xx for a key carried the same order id

  # Asynchronous replication: the partitioned primary acknowledges writes the others never receive
  # until it gives up. Patroni's fencing bounds that window; a write after it would be split brain.
  @dr-fencing
  Scenario: A primary cut off from etcd and the other members but not from its clients demotes itself before another is promoted
    Given Patroni replicates asynchronously
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And the primary member is partitioned from etcd and the other members
    Then Patroni promotes another member within 20s of the fault
    And the old primary stopped being primary before the new primary was promoted
    And the old primary took 0 writes after the new primary was promoted
    When the partition heals
    Then it rejoins the cluster as a replica of the new primary
    And after recovery every lost order was acknowledged by the old primary between 500ms before the partition and its demotion

  Scenario: etcd unavailable without failsafe mode: the primary demotes itself and no member is primary until etcd returns
    Given Patroni replicates synchronously
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And etcd stops answering
    Then the primary demotes itself within 10s of the fault
    And no member is primary for 4s while etcd is unavailable
    When etcd answers again
    Then writes are acknowledged again within 20s of the return
    And after recovery the checker finds 0 lost and 0 duplicated orders

  Scenario: A planned switchover under write load loses nothing
    Given Patroni replicates synchronously
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And a switchover to a replica is asked of Patroni
    Then Patroni promotes another member within 10s of the fault
    And writes are acknowledged again within 10s of the fault
    And after recovery the checker finds 0 lost and 0 duplicated orders

  @dr-lag
  Scenario: A replica lagging past maximum_lag_on_failover is never promoted; the cluster waits for the member with the data
    Given Patroni replicates asynchronously
    And 4 writers place orders continuously
    When the writers have 20 acknowledged orders
    And a replica stops receiving WAL
    And the primary writes 3MB of WAL that the replica does not receive
    And the other replica is killed
    And the primary member is killed
    Then the lagging replica is not promoted for 6s after the leader lock expires
    When the old primary member is started again
    Then the old primary is primary again within 20s of its start
    And after recovery the checker finds 0 lost and 0 duplicated orders

  Scenario: A dump of a consistent snapshot taken from a replica under load restores exactly
    Given 10000 orders in the database
    And 4 writers place orders continuously
    When the writers have 10 acknowledged orders
    And a snapshot of the orders is dumped from a replica while the writers run
    And the dump is restored into a fresh PostgreSQL container
    Then the restored orders match the snapshot's row count and checksum
    And the restore took less than 60s
