export { tokenKeys, type TokenKeys } from './token-keys.js';
export { authServiceSettings, tokenAudience, tokenIssuer, tokenLifetimeSeconds } from './auth-settings.js';
export { mintToken, mintUnsigned, mintWithOtherKey, mintKeyConfusion, mintTampered, type TokenClaims } from './token-minter.js';
export { parseCaller, bearerHeader, type Caller } from './caller.js';
export { placeOrderWith, readOrderWith, judgeAnswer, parseExpectedBody, type ExpectedBody } from './auth-requests.js';
export { hostileToken, forge, expectedStatus, checkHostileToken, type HostileToken, type TokenTarget } from './hostile-tokens.js';
