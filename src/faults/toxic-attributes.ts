import { FaultlineError } from '../errors.js';

export const toxicTypes = ['latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data'] as const;
export type ToxicType = (typeof toxicTypes)[number];
export type ToxicStream = 'upstream' | 'downstream';

interface AttributeRule {
  readonly required: boolean;
  readonly min: number;
  readonly unit: string;
}

// Attribute names, units and ranges as Toxiproxy 2.12 defines them.
const rules: Record<ToxicType, Record<string, AttributeRule>> = {
  latency: { latency: { required: true, min: 0, unit: 'ms' }, jitter: { required: false, min: 0, unit: 'ms' } },
  bandwidth: { rate: { required: true, min: 0, unit: 'KB/s' } },
  slow_close: { delay: { required: true, min: 0, unit: 'ms' } },
  timeout: { timeout: { required: true, min: 0, unit: 'ms (0 = hold the data until removed)' } },
  reset_peer: { timeout: { required: true, min: 0, unit: 'ms before the reset' } },
  slicer: {
    average_size: { required: true, min: 1, unit: 'bytes' },
    size_variation: { required: false, min: 0, unit: 'bytes' },
    delay: { required: false, min: 0, unit: 'µs between slices' },
  },
  limit_data: { bytes: { required: true, min: 0, unit: 'bytes' } },
};

export function parseToxicType(text: string): ToxicType {
  const type = text.trim().toLowerCase().replace(/[- ]/g, '_');
  if (!(toxicTypes as readonly string[]).includes(type)) {
    throw new FaultlineError('FL_UNKNOWN_TOXIC', `"${text}" is not a Toxiproxy toxic; known toxics: ${toxicTypes.join(', ')}`);
  }
  return type as ToxicType;
}

function describeRules(type: ToxicType): string {
  return Object.entries(rules[type])
    .map(([name, rule]) => `${name}${rule.required ? '' : '?'} (>= ${rule.min} ${rule.unit})`)
    .join(', ');
}

/** Parses "latency=200, jitter=10" into validated attributes for a toxic type. */
export function parseToxicAttributes(type: ToxicType, text: string): Record<string, number> {
  const attributes: Record<string, number> = {};
  const allowed = rules[type];
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)\s*=\s*(-?\d+(?:\.\d+)?)$/.exec(pair);
    if (!match) {
      throw new FaultlineError('FL_BAD_TOXIC_ATTRIBUTES', `"${pair}" in "${text}" is not name=number; ${type} takes ${describeRules(type)}`);
    }
    const [, name, value] = match as unknown as [string, string, string];
    const rule = allowed[name];
    if (!rule) {
      throw new FaultlineError('FL_BAD_TOXIC_ATTRIBUTES', `${type} has no attribute "${name}"; it takes ${describeRules(type)}`);
    }
    const number = Number(value);
    if (number < rule.min || !Number.isInteger(number)) {
      throw new FaultlineError('FL_BAD_TOXIC_ATTRIBUTES', `${type}.${name} must be an integer >= ${rule.min} (${rule.unit}), got ${value}`);
    }
    attributes[name] = number;
  }
  for (const [name, rule] of Object.entries(allowed)) {
    if (rule.required && attributes[name] === undefined) {
      throw new FaultlineError('FL_BAD_TOXIC_ATTRIBUTES', `${type} needs ${name}; it takes ${describeRules(type)}`);
    }
  }
  return attributes;
}
