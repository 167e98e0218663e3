@cache
Feature: The order cache: read-through Redis with versioned entries and a fallback
  GET /orders/:id reads through Redis (the "cache" link); new orders are written through; a change
  (a cancellation) writes the new version. Every cache call is bounded by a 50ms timeout, and a
  cache that is down, slow or failing is read around: the database answers, never a 5xx. A change the
  cache missed keeps the order out of the cache until a retried invalidation succeeds, so no reader
  sees the old version.

  @cache-down
  Scenario: The cache unreachable: reads still answer 200 from the database within 200ms
    Given an order is placed
    And the last order is read from the cache within 2s
    And the cache link goes down
    When the last order is read 20 times
    Then every request ends in "200" within 200ms
    And the order service counted 20 cache fallbacks for those reads
    And the p(50) read latency stayed within 200ms

  @cache-slow
  Scenario: 500ms of latency on the cache link: the 50ms cache timeout keeps p(99) of reads under 150ms
    Given an order is placed
    And the last order is read from the cache within 2s
    And the cache link gets 500ms of downstream latency
    When the last order is read 10 times
    Then every request ends in "200" within 150ms
    And the p(99) read latency stayed within 150ms

  @cache-back
  Scenario: The cache back after an outage: reads are cache hits again
    Given an order is placed
    And the last order is read from the cache within 2s
    And the cache link goes down
    When the last order is read 5 times
    Then the order service counted 5 cache fallbacks for those reads
    When the cache link comes back
    Then the last order is read from the cache within 2s
    When the last order is read 30 times
    Then at least 90% of those reads were cache hits
    And the p(99) read latency stayed within 100ms

  @cache-cold
  Scenario: A cold cache: every first read is a miss answered from the database, and cached for the next
    Given 10 orders are placed
    And the cache is emptied
    When every order placed is read once
    Then every request ends in "200" within 200ms
    And the order service counted 10 cache misses for those reads
    When every order placed is read once
    Then at least 90% of those reads were cache hits

  @cache-stale
  Scenario: An order changed while the cache was unreachable: no reader sees the old version
    Given an order is placed
    And the last order is read from the cache within 2s
    And the cache link goes down
    When the last order is cancelled
    And the cache link comes back
    Then the cancellation answered 200
    And every read of the last order for 1s shows version 2
