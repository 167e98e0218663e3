Feature: Every Toxiproxy toxic has an observable effect
  Each toxic type, applied once on a link of the reference stack, changes what a client observes
  in the way Toxiproxy documents.

  Background:
    Given the order service runs with:
      | ATTEMPT_TIMEOUT_MS | 500  |
      | RETRY_MAX_ATTEMPTS | 1    |

  Scenario Outline: <toxic> on the <link> link
    When the <link> link gets a <toxic> toxic with "<attributes>" on <stream>
    And <action>
    Then <effect>

    Examples:
      | link    | toxic      | attributes                                 | stream     | action                                    | effect                                              |
      | payment | latency    | latency=300, jitter=0                      | downstream | 5 orders are placed                       | every order takes at least 300ms                    |
      | payment | timeout    | timeout=0                                  | downstream | an order is placed                        | the order fails with 504 within 500ms               |
      | payment | reset_peer | timeout=0                                  | upstream   | an order is placed                        | the order fails with 503 within 500ms               |
      | ingress | bandwidth  | rate=8                                     | downstream | GET /metrics is requested on a new connection | the response arrives no faster than 8 KB/s      |
      | ingress | slow_close | delay=500                                  | downstream | GET /metrics is requested with Connection: close | the server closes the connection at least 500ms after the response |
      | ingress | slicer     | average_size=32, size_variation=8, delay=200 | downstream | GET /metrics is requested on a new connection | the response arrives in at least 20 chunks     |
      | ingress | limit_data | bytes=64                                   | downstream | GET /metrics is requested on a new connection | the response is cut short                       |
