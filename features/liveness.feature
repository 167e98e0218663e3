@health
Feature: Liveness ignores a slow database
  The liveness probe must answer at once even when every query takes long: an orchestrator that
  restarts the service because its database is slow makes the outage worse.

  Background:
    Given the order service runs with:
      | READY_DB_TIMEOUT_MS | 200 |

  Scenario: 1s of latency on the database link
    When the db-primary link gets 1s of downstream latency
    Then GET /health/live answers 200
    And GET /health/ready answers 503 within 2s
