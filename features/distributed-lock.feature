@lock
Feature: Distributed lock: the backup job runs on one runner at a time
  The backup job (fixtures/backup-job) must never run twice at once. Its two runners, backup-job-a and
  backup-job-b, take a lock in etcd before they run it: a lease of 2 s (etcd's minimum) renewed every
  666 ms, and the lock's key put with that lease only if the key does not exist. A holder ticks the
  job every 50 ms only while its lease cannot have ended (self-fencing: until 250 ms before the send
  time of its last renewal + 2 s); a failed renewal makes it stop at once and contend again, every
  200 ms. Each runner reaches etcd through a link of its own (lock-a, lock-b), so one can be cut off
  alone. The takeover bound: the lease ends at most 2 s after the cut, etcd sweeps expired leases every
  500 ms, the other retries every 200 ms: 2.7 s, stated as 3 s.

  Scenario: Two runners started at the same moment contend for the lock and only one runs the job
    Given the backup-job runners are restarted at the same moment
    When they contend for the lock for 2s
    Then no two holders' job ticks overlap
    And the backup job ticked at least 20 times

  Scenario: A holder cut off from etcd stops within its lease and the other runner takes over
    Given the backup-job runners contend for the lock in etcd
    When the lock holder is cut off from etcd for 4s
    Then the other runner ticks within 3s of the cut
    When the runners run on for 1s after the link came back
    Then no two holders' job ticks overlap
    And the cut-off holder ticked last within 2s of the cut
