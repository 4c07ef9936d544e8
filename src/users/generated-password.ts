import { randomBytes } from 'node:crypto';

/** 20 URL-safe characters from 15 random bytes (120 bits): typed once by its owner, then changed or kept. */
export const generatePassword = (): string => randomBytes(15).toString('base64url');
