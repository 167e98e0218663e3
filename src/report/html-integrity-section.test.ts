import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIntegrity } from '../saga/integrity-checker.js';
import { emptyEvidence } from './evidence.js';
import { integritySection } from './html-integrity-section.js';

describe('the integrity checker in the HTML report', () => {
  it('shows the counts and names the keys of an orphan charge', () => {
    const evidence = emptyEvidence();
    const report = checkIntegrity({ charges: [{ key: 'k-1', path: '/charges' }], refunds: [], reservations: [], releases: [], stored: [], acknowledged: [] });
    evidence.notes.integrity = { ...report, settledMs: 120, compensationsInProgress: 0 };
    const html = integritySection(evidence);
    assert.match(html, /<h3>Integrity<\/h3>/);
    assert.match(html, /card bad"><div class="value">1<\/div><div class="label">orphan charges/);
    assert.match(html, /orphan charges: <code>k-1<\/code>/);
  });

  it('adds nothing to scenarios without the check', () => {
    assert.equal(integritySection(emptyEvidence()), '');
  });
});
