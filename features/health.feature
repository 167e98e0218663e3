@health
Feature: Health, readiness and graceful shutdown
  Liveness never depends on upstreams. Readiness follows the database. On SIGTERM the service
  turns unready at once, finishes what is in flight, and exits 0 without resetting a client. Each
  health answer is an application/health+json document that is never cached, whose status follows
  from its named checks, whose failing checks say why, and whose measuring checks say what they
  measured (the process's uptime; the database's answer time, which a passing probe keeps under
  its 500 ms timeout, READY_DB_TIMEOUT_MS).

  Scenario: Liveness stays up while every upstream is down
    When the payment link goes down
    And the db-primary link goes down
    Then GET /health/live answers 200
    And GET /health/ready answers 503 within 2s
    And GET /health/live answers this health document within 1s:
      | status         | pass |
      | process:uptime | pass, observed under 3600 s |
    And GET /health/ready answers this health document within 2s:
      | status              | fail |
      | service:shutdown    | pass |
      | service:warmup      | pass |
      | database:migrations | pass |
      | database:connection | fail |

  Scenario: Readiness follows the database link
    When the db-primary link goes down
    Then GET /health/ready answers 503 within 2s
    When the db-primary link comes back
    Then GET /health/ready answers 200 within 2s
    And GET /health/ready answers this health document within 1s:
      | status              | pass |
      | service:shutdown    | pass |
      | service:warmup      | pass |
      | database:migrations | pass |
      | database:connection | pass, observed under 500 ms |

  # Restarted with a 1.5 s warm-up: ready says so while it lasts (the warm-up check fails, with the
  # time left), then answers 200 with every check passing. The restart itself (a new process, its
  # migration check) takes 1.3-1.4 s before the first answer.
  @health-warmup
  Scenario: A restarted service answers not ready while it warms up, then ready
    Given the order service runs with:
      | WARMUP_MS | 1500 |
    When the order service is restarted without waiting for it to be ready
    Then GET /health/ready answers this health document within 3s:
      | status              | fail |
      | service:shutdown    | pass |
      | service:warmup      | fail |
      | database:migrations | pass |
      | database:connection | pass |
    And GET /health/ready answers this health document within 3s:
      | status              | pass |
      | service:shutdown    | pass |
      | service:warmup      | pass |
      | database:migrations | pass |
      | database:connection | pass |

  # Restarted while its database is unreachable: the schema cannot be checked, so readiness says so
  # (migrations and connection failing) until the link is back and the migration has run.
  @health-migrations
  Scenario: A service restarted without its database is not ready until its schema is migrated
    When the db-primary link goes down
    And the order service is restarted without waiting for it to be ready
    Then GET /health/ready answers this health document within 3s:
      | status              | fail |
      | service:shutdown    | pass |
      | service:warmup      | pass |
      | database:migrations | fail |
      | database:connection | fail |
    When the db-primary link comes back
    Then GET /health/ready answers this health document within 5s:
      | status              | pass |
      | service:shutdown    | pass |
      | service:warmup      | pass |
      | database:migrations | pass |
      | database:connection | pass |

  # Ready turns 503 at once; the grace period (500ms) still serves; an order whose request is
  # complete only after it is shed with 503 on its open connection.
  @shutdown @retry-after
  Scenario: SIGTERM drains in-flight orders, sheds what arrives after the grace period and exits cleanly
    Given the order service runs with:
      | SHUTDOWN_GRACE_MS | 500 |
    And the payment gateway answers every charge after 300ms
    When 4 orders are in flight
    And the order service receives SIGTERM
    And an order starts arriving that is complete only after the grace period
    Then GET /health/ready answers 503 within 100ms
    And GET /health/ready answers this health document within 100ms:
      | status              | fail |
      | service:shutdown    | fail |
      | service:warmup      | pass |
      | database:migrations | pass |
      | database:connection | pass |
    And every in-flight order succeeded
    And the order that arrived after the grace period was shed with 503
    And every 503 and 429 answer of this scenario carried a Retry-After
    And the order service exits with code 0

  # It keeps accepting for SHUTDOWN_GRACE_MS (1s) before it closes and drains: 2s is its bound.
  Scenario: The same drain in the generic words any service can use
    Given the order service runs with:
      | SHUTDOWN_GRACE_MS | 1000 |
    And the payment-gateway upstream answers POST /charges with a delay of 300ms for every request
    When 4 requests are in flight
    And the order service receives SIGTERM
    Then every in-flight request succeeded
    And the order service exits within 2s with code 0
