// Generated inputs for the order service: valid orders, and every way a body or a header can be
// wrong. Each generated request says whether the contract requires it to be accepted.
import fc from 'fast-check';

export interface GeneratedRequest {
  readonly kind: string;
  readonly contentType: string;
  readonly body: string;
  /** True when the contract requires 201. */
  readonly valid: boolean;
}

const customerId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const sku = fc.stringMatching(/^[A-Z0-9-]{1,32}$/);
const currency = fc.stringMatching(/^[A-Z]{3}$/);
const quantity = fc.integer({ min: 1, max: 1000 });

export const validOrder = fc.record({
  customerId,
  items: fc.array(fc.record({ sku, quantity }), { minLength: 1, maxLength: 50 }),
  currency,
});

const json = (value: unknown) => JSON.stringify(value);
const asJson = (kind: string, valid: boolean) => (value: unknown): GeneratedRequest => ({ kind, contentType: 'application/json', body: json(value), valid });

/** Strings a careless parser chokes on: full unicode (astral planes included), controls, huge. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '\ud800', '𝕏', '💳', "'; DROP TABLE orders; --", '__proto__', 'x'.repeat(5000)),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(0, -1, 1001, 2 ** 53 + 1, -(2 ** 31), 1e308, 1.5, Number.MAX_SAFE_INTEGER),
  fc.double(),
);
const anyJson = fc.anything({ maxDepth: 3, withBigInt: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withDate: false, withSparseArray: false, withNullPrototype: false });

type Order = { customerId: string; items: Array<{ sku: string; quantity: number }>; currency: string };
const fields = ['customerId', 'items', 'currency'] as const;

// The contract's rules, so that a "wrong" value that happens to be valid is expected to be accepted.
const validValue: Record<string, (value: unknown) => boolean> = {
  customerId: (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value),
  currency: (value) => typeof value === 'string' && /^[A-Z]{3}$/.test(value),
  items: () => false,
  sku: (value) => typeof value === 'string' && /^[A-Z0-9-]{1,32}$/.test(value),
  quantity: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000,
};

const wrongField = fc.tuple(validOrder, fc.constantFrom(...fields), fc.oneof(nastyString, nastyNumber, anyJson)).map(([order, field, value]) =>
  asJson(`wrong ${field}`, validValue[field]!(value))({ ...order, [field]: value }),
);
const wrongItem = fc.tuple(validOrder, fc.constantFrom('sku', 'quantity'), fc.oneof(nastyString, nastyNumber, anyJson)).map(([order, field, value]) =>
  asJson(`wrong item ${field}`, validValue[field]!(value))({ ...order, items: [{ ...order.items[0]!, [field]: value }, ...order.items.slice(1)] }),
);
const missingField = fc.tuple(validOrder, fc.constantFrom(...fields)).map(([order, field]) => {
  const copy: Partial<Order> = { ...order };
  delete copy[field];
  return asJson(`missing ${field}`, false)(copy);
});
const extraField = fc.tuple(validOrder, fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(fields as readonly string[]).includes(key)), anyJson.filter((value) => value !== undefined)).map(([order, key, value]) =>
  asJson('extra field', false)({ ...order, [key]: value }),
);
const tooManyItems = validOrder.map((order) => asJson('51 items', false)({ ...order, items: Array.from({ length: 51 }, () => order.items[0]!) }));
const deepNesting = fc.integer({ min: 100, max: 5000 }).map((depth): GeneratedRequest => ({ kind: 'deep nesting', contentType: 'application/json', body: `${'['.repeat(depth)}${']'.repeat(depth)}`, valid: false }));
const oversized = fc.integer({ min: 16_385, max: 200_000 }).map((size): GeneratedRequest => ({ kind: 'oversized body', contentType: 'application/json', body: json({ customerId: 'c', items: [], currency: 'EUR', pad: 'x'.repeat(size) }), valid: false }));
const duplicateKeys = fc.tuple(validOrder, customerId).map(([order, other]): GeneratedRequest => ({
  kind: 'duplicate keys',
  contentType: 'application/json',
  // Last one wins in JSON.parse; the body is still a valid order, so it must be accepted.
  body: `{"customerId":${json(other)},${json(order).slice(1)}`,
  valid: true,
}));
const malformedJson = fc.oneof(fc.string({ maxLength: 200 }), validOrder.map((order) => json(order).slice(0, -1))).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}).map((body): GeneratedRequest => ({ kind: 'malformed JSON', contentType: 'application/json', body, valid: false }));
const wrongContentType = fc.tuple(validOrder, fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '')).map(([order, contentType]): GeneratedRequest => ({
  kind: 'wrong content type', contentType, body: json(order), valid: false,
}));
const notAnObject = anyJson.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)).map(asJson('not an object', false));

export const orderRequest: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  { arbitrary: validOrder.map(asJson('valid order', true)), weight: 4 },
  { arbitrary: wrongField, weight: 3 },
  { arbitrary: wrongItem, weight: 2 },
  { arbitrary: missingField, weight: 1 },
  { arbitrary: extraField, weight: 1 },
  { arbitrary: tooManyItems, weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: oversized, weight: 1 },
  { arbitrary: duplicateKeys, weight: 1 },
  { arbitrary: malformedJson, weight: 1 },
  { arbitrary: wrongContentType, weight: 1 },
  { arbitrary: notAnObject, weight: 1 },
);

/** Order ids for GET /orders/:id: uuids, near-uuids, path tricks, unicode. */
export const orderId = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%F0%9F%92%B3', 'null', '-1', '0'.repeat(300))).map((id) =>
  /^[\x21-\x7e]+$/.test(id) && !/[#?/]/.test(id) ? id : encodeURIComponent(id),
);

/** Header values: API keys and idempotency keys that are missing, empty, long or strange. */
export const headerValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }).filter((value) => /^[\t\x20-\x7e]*$/.test(value)),
  // Only what an HTTP client can send: Node refuses control characters in header values.
  fc.constantFrom('', ' ', 'x'.repeat(129), 'x'.repeat(8000), 'Bearer abc', 'key\t'),
);
