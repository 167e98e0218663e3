@auth
Feature: Only valid bearer tokens reach an order, and only its owner's
  The order service takes JWT bearer tokens (ES256, checked issuer and audience, exp and nbf with a
  leeway of 30 s) next to API keys. A user reads only its own orders: someone else's order is a 404
  like an unknown one, so that its existence does not leak; an admin reads any order. Every refused
  token is a 401 problem document with a Bearer challenge, never a 5xx.

  The suite signs its tokens with an ES256 key pair made once per run; the service gets the public
  key as a JWK. Every scenario starts it the same way (its wall clock movable for the clock skew
  scenario, at +0 s otherwise), so the feature restarts it once and the scenarios reuse it.

  Background:
    Given the order service accepts bearer tokens with a leeway of 30s
    And the order service runs with a controllable clock

  @auth-ownership
  Scenario: A user reads its own order, another user does not see it, an admin does
    Given an order placed by user "alice"
    When these callers read that order:
      | caller                     |
      | user "alice"               |
      | user "bob"                 |
      | an admin                   |
      | user "carol" without roles |
    Then they were answered:
      | caller                     | status | body               |
      | user "alice"               | 200    | the order          |
      | user "bob"                 | 404    | a problem document |
      | an admin                   | 200    | the order          |
      | user "carol" without roles | 403    | a problem document |

  @auth-expiry
  Scenario: A token expired beyond the leeway is refused, one expired within it is accepted
    The leeway is 30 s; the two tokens are 15 s on either side of it, far more than the skew between
    the suite's clock and the container's (the same kernel clock).

    Given an order placed by user "alice"
    When these callers read that order:
      | caller                                          |
      | user "alice" with a token that expired 45s ago  |
      | user "alice" with a token that expired 15s ago  |
      | user "alice" with a token valid only in 45s     |
      | user "alice" with a token valid only in 15s     |
    Then they were answered:
      | caller                                          | status | body               |
      | user "alice" with a token that expired 45s ago  | 401    | a problem document |
      | user "alice" with a token that expired 15s ago  | 200    | the order          |
      | user "alice" with a token valid only in 45s     | 401    | a problem document |
      | user "alice" with a token valid only in 15s     | 200    | the order          |

  @auth-alg-none
  Scenario: An unsigned token (alg none) with valid claims is refused
    Given an order placed by user "alice"
    When these callers read that order:
      | caller                              |
      | user "alice" with an unsigned token |
    Then they were answered:
      | caller                              | status | body               |
      | user "alice" with an unsigned token | 401    | a problem document |

  @auth-fuzz
  Scenario: Generated hostile tokens are all refused
    Tokens signed by another key, unsigned, HS256 signed with the public key, of another issuer or
    audience, expired or not yet valid beyond the leeway, changed after signing, over 8 KB (401) or
    over the 16 KB header limit (431), and malformed. FAULTLINE_FUZZ_SEED replays a run.

    When 200 generated hostile bearer tokens are sent
    Then every generated input was answered as the contract says
    And the order service is still live and was not restarted

  @auth-clock
  Scenario: A service clock behind by less than the leeway accepts a fresh token, by more refuses it
    The token's nbf is the moment it is made, its lifetime 300 s; the leeway is 30 s. With the
    service's wall clock 20 s behind, nbf lies 20 s in its future, inside the leeway: accepted. At
    60 s behind it lies 30 s beyond the leeway: a 401, not a 5xx. (libfaketime moves the wall clock.)

    Given an order placed by user "alice"
    When the clock of the order service jumps 20s back
    And these callers read that order:
      | caller                                   |
      | user "alice" with a token valid from now |
    Then they were answered:
      | caller                                   | status | body      |
      | user "alice" with a token valid from now | 200    | the order |
    When the clock of the order service jumps 60s back
    And these callers read that order:
      | caller                                   |
      | user "alice" with a token valid from now |
    Then they were answered:
      | caller                                   | status | body               |
      | user "alice" with a token valid from now | 401    | a problem document |
