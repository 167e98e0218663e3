@mutation-results
Feature: The suite can fail
  For every resilience pattern a configuration of the service that breaks it was run against the
  scenarios that check the pattern (npm run test:mutants), and they failed.

  Scenario: Every broken configuration of the service was caught
    Then every mutant of the order service was killed by the scenarios of its pattern
