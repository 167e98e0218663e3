// The data-integrity checker of the order saga (DESIGN.md §8, the seeds' "every payment accounted
// for"): read after a scenario from the payment gateway's and the inventory's journals and the
// orders table. Every charge belongs to a stored order or was refunded; every live reservation
// belongs to a stored order; no stored order lacks its charge or its reservation; nothing was
// compensated twice. Reported like the DR history checker: counts and the keys behind each anomaly.

/** One journaled request that took effect: a 2xx answer that reached the caller. */
export interface Effect {
  /** The Idempotency-Key it carried. */
  readonly key: string;
  readonly path: string;
}

export interface IntegrityInput {
  /** POST /charges, keyed by the order's idempotency key. */
  readonly charges: readonly Effect[];
  /** POST /refunds, keyed `refund-<order key>` (a broken compensation adds a suffix per attempt). */
  readonly refunds: readonly Effect[];
  /** POST /reservations, keyed by the saga id. */
  readonly reservations: readonly Effect[];
  /** DELETE /reservations/<saga id>, keyed `release-<saga id>...`. */
  readonly releases: readonly Effect[];
  /** Orders in the database among those the journals and the scenario name. */
  readonly stored: ReadonlyArray<{ readonly idempotencyKey: string; readonly sagaId: string | null }>;
  /** Keys of the orders the scenario got a 2xx for. */
  readonly acknowledged: readonly string[];
}

export interface IntegrityReport {
  readonly charges: number;
  readonly refunds: number;
  readonly reservations: number;
  readonly releases: number;
  readonly storedOrders: number;
  readonly orphanCharges: readonly string[];
  readonly orphanReservations: readonly string[];
  readonly refundedButStored: readonly string[];
  readonly releasedButStored: readonly string[];
  readonly ordersWithoutCharge: readonly string[];
  readonly ordersWithoutReservation: readonly string[];
  readonly refundedTwice: readonly string[];
  readonly releasedTwice: readonly string[];
  /** Distinct release keys per reservation (a retried release with one key counts once). */
  readonly releasesPerReservation: Readonly<Record<string, number>>;
}

const uuidLength = 36;

function distinctBy(effects: readonly Effect[], group: (effect: Effect) => string): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const effect of effects) {
    const name = group(effect);
    const keys = groups.get(name) ?? new Set<string>();
    keys.add(effect.key);
    groups.set(name, keys);
  }
  return groups;
}

export function checkIntegrity(input: IntegrityInput): IntegrityReport {
  const charged = new Set(input.charges.map((charge) => charge.key));
  const refunds = distinctBy(input.refunds, (refund) => refund.key.slice('refund-'.length, 'refund-'.length + uuidLength));
  const reserved = new Set(input.reservations.map((reservation) => reservation.key));
  const releases = distinctBy(input.releases, (release) => decodeURIComponent(release.path.split('/').pop() ?? ''));
  const storedKeys = new Set(input.stored.map((order) => order.idempotencyKey));
  const storedSagas = new Set(input.stored.flatMap((order) => (order.sagaId === null ? [] : [order.sagaId])));
  const sagaOfKey = new Map(input.stored.map((order) => [order.idempotencyKey, order.sagaId]));
  // Every stored order the observation found (by its key or by its saga's reservation) must have its
  // charge and its reservation, acknowledged or not: an order stored by a recovery after a crash was
  // never acknowledged, and its charge may not be in the journal read yet.
  const watched = new Set([...input.acknowledged, ...charged, ...input.stored.filter((order) => order.sagaId !== null && reserved.has(order.sagaId)).map((order) => order.idempotencyKey)].filter((key) => storedKeys.has(key)));
  return {
    charges: charged.size,
    refunds: [...refunds.values()].reduce((sum, keys) => sum + keys.size, 0),
    reservations: reserved.size,
    releases: [...releases.values()].reduce((sum, keys) => sum + keys.size, 0),
    storedOrders: watched.size,
    orphanCharges: [...charged].filter((key) => !storedKeys.has(key) && !refunds.has(key)),
    orphanReservations: [...reserved].filter((saga) => !storedSagas.has(saga) && !releases.has(saga)),
    refundedButStored: [...charged].filter((key) => storedKeys.has(key) && refunds.has(key)),
    releasedButStored: [...reserved].filter((saga) => storedSagas.has(saga) && releases.has(saga)),
    ordersWithoutCharge: [...watched].filter((key) => !charged.has(key)),
    ordersWithoutReservation: [...watched].filter((key) => {
      const saga = sagaOfKey.get(key);
      return saga === null || saga === undefined || !reserved.has(saga);
    }),
    refundedTwice: [...refunds].filter(([, keys]) => keys.size > 1).map(([key]) => key),
    releasedTwice: [...releases].filter(([, keys]) => keys.size > 1).map(([saga]) => saga),
    releasesPerReservation: Object.fromEntries([...releases].map(([saga, keys]) => [saga, keys.size])),
  };
}

export function integrityHolds(report: IntegrityReport): boolean {
  return [
    report.orphanCharges,
    report.orphanReservations,
    report.refundedButStored,
    report.releasedButStored,
    report.ordersWithoutCharge,
    report.ordersWithoutReservation,
    report.refundedTwice,
    report.releasedTwice,
  ].every((list) => list.length === 0);
}

export function describeIntegrity(report: IntegrityReport): string {
  const list = (name: string, ids: readonly string[]) => (ids.length === 0 ? [] : [`${name} ${ids.length} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''})`]);
  const problems = [
    ...list('orphan charges', report.orphanCharges),
    ...list('orphan reservations', report.orphanReservations),
    ...list('stored but refunded', report.refundedButStored),
    ...list('stored but released', report.releasedButStored),
    ...list('orders without a charge', report.ordersWithoutCharge),
    ...list('orders without a reservation', report.ordersWithoutReservation),
    ...list('refunded twice', report.refundedTwice),
    ...list('released twice', report.releasedTwice),
  ];
  return `${report.charges} charges, ${report.refunds} refunds, ${report.reservations} reservations, ${report.releases} releases, ${report.storedOrders} stored orders; ${problems.length === 0 ? 'every charge and reservation accounted for, nothing compensated twice' : problems.join('; ')}`;
}
