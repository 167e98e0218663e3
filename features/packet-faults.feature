@packet
Feature: Packet faults on the payment gateway's network
  Loss, corruption, duplication, delay, reordering and a rate limit on the payment gateway's own
  interface (the packets it sends and receives, from a helper container in its network namespace),
  as a real network would do them. TCP hides what it can (checksums drop corrupted segments,
  retransmissions replace lost ones, duplicates and reordering are sorted out); what it cannot hide
  is time, so every order ends in 201 or a documented problem+json error within the payment
  deadline (TOTAL_DEADLINE_MS 2000 ms, plus the tolerance), and none is stored wrongly. Each
  scenario also states what the fault was seen to do, counted where it happened, next to its
  configuration, with bounds wide enough for the sample (about 3 standard deviations of a binomial
  count over the packets the orders make). Where the kernel has no netem, the fault goes through
  iptables, fl-nfqueue and TBF instead; the report names the path.

  Scenario: 30% corruption: documented answers in time, no order stored with a wrong amount
    Given a baseline of 10 orders
    When the payment gateway's network corrupts 30% of packets
    And 30 orders are placed
    Then every order ends in "201, 503, 504" within 2.5s
    And the p(99) order latency rose by at most 2.5s
    And no acknowledged order is stored with a wrong amount
    And between 10% and 50% of the payment gateway's packets were corrupted
    And the payment gateway's kernel discarded at least 1 segment with a bad checksum
    And the payment gateway's TCP retransmitted at least 1 segment
    When the packet faults on the payment gateway's network are removed
    Then the payment gateway's network is as it was before the packet faults
    And orders succeed again within 10s

  Scenario: 5% loss: every order answers within the deadline, p(99) bounded
    Given a baseline of 10 orders
    When the payment gateway's network loses 5% of packets
    And 120 orders are placed
    Then every order ends in "201, 503, 504" within 2.5s
    And the p(99) order latency rose by at most 2s
    And between 0.5% and 12% of the payment gateway's packets were lost
    When the packet faults on the payment gateway's network are removed
    Then the payment gateway's network is as it was before the packet faults

  # Each attempt waits 700 ms for the gateway's answer (or its SYN-ACK), past the 500 ms attempt
  # timeout: all three attempts are abandoned and the order fails within the 2 s deadline. A
  # service without an attempt timeout waits and answers 201 (mutant no-attempt-timeout-packets).
  @packet-timeouts
  Scenario: A network delay longer than the attempt timeout fails the order within the deadline
    When the payment gateway's network delays packets it sends by 700ms
    And an order is placed
    Then the order fails with 504 or 503 within 2s
    And between 95% and 100% of the payment gateway's packets were delayed
    When the packet faults on the payment gateway's network are removed
    Then the payment gateway's network is as it was before the packet faults

  Scenario Outline: <fault>: every order succeeds, the added p(99) stays under <bound>
    Given a baseline of 10 orders
    When the payment gateway's network <fault>
    And 40 orders are placed
    Then every order succeeded
    And the p(99) order latency rose by at most <bound>
    And between <min> and <max> of the payment gateway's packets were <effect>
    When the packet faults on the payment gateway's network are removed
    Then the payment gateway's network is as it was before the packet faults

    Examples:
      | fault                                        | bound | min | max  | effect     |
      | duplicates 10% of packets                    | 300ms | 2%  | 20%  | duplicated |
      | reorders 25% of packets                      | 300ms | 10% | 40%  | reordered  |
      | delays packets it sends by 100ms ± 20ms      | 350ms | 95% | 100% | delayed    |

  Scenario: A 64kbit/s rate: small orders still succeed, slower by a bounded amount
    Given a baseline of 10 orders
    When the payment gateway's network is limited to 64kbit/s
    And 10 orders are placed
    Then every order succeeded
    And the p(99) order latency rose by at most 400ms
    When the packet faults on the payment gateway's network are removed
    Then the payment gateway's network is as it was before the packet faults
