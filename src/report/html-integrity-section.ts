// The integrity checker's figures in a saga scenario's HTML section (src/saga/): what the payment
// gateway and the inventory did, and every anomaly with the keys behind it. Read from the evidence
// notes the saga steps write.
import type { IntegrityReport } from '../saga/integrity-checker.js';
import type { ScenarioEvidence } from './evidence.js';
import { escapeHtml } from './html-escape.js';
import { card } from './html-parts.js';

type IntegrityNote = IntegrityReport & { readonly settledMs?: number; readonly compensationsInProgress?: number };

function isIntegrity(value: unknown): value is IntegrityNote {
  return typeof value === 'object' && value !== null && 'orphanCharges' in value && 'charges' in value;
}

const anomalies: ReadonlyArray<readonly [keyof IntegrityReport, string]> = [
  ['orphanCharges', 'orphan charges'],
  ['orphanReservations', 'orphan reservations'],
  ['refundedButStored', 'stored but refunded'],
  ['releasedButStored', 'stored but released'],
  ['ordersWithoutCharge', 'orders without a charge'],
  ['ordersWithoutReservation', 'orders without a reservation'],
  ['refundedTwice', 'refunded twice'],
  ['releasedTwice', 'released twice'],
];

export function integritySection(evidence: ScenarioEvidence): string {
  const note = evidence.notes.integrity;
  if (!isIntegrity(note)) return '';
  const cards = [
    card('charges', String(note.charges)),
    card('refunds', String(note.refunds)),
    card('reservations', String(note.reservations)),
    card('releases', String(note.releases)),
    card('stored orders', String(note.storedOrders)),
    ...anomalies.map(([field, label]) => {
      const count = (note[field] as readonly string[]).length;
      return card(label, String(count), count === 0);
    }),
  ].join('');
  const found = anomalies.flatMap(([field, label]) => {
    const keys = note[field] as readonly string[];
    return keys.length === 0 ? [] : [`<li>${escapeHtml(label)}: <code>${escapeHtml(keys.join(', '))}</code></li>`];
  });
  const settled = note.settledMs === undefined ? '' : `<p class="chart-note">Checked after ${note.settledMs} ms${note.compensationsInProgress ? `, ${note.compensationsInProgress} compensations still in progress` : ', no compensation in progress'}.</p>`;
  return `<h3>Integrity</h3><div class="figures">${cards}</div>${found.length > 0 ? `<ul>${found.join('')}</ul>` : ''}${settled}`;
}
