/**
 * A secret held in memory for the shortest time and shown nowhere: every way of turning it into text (string
 * conversion, JSON, util.inspect, template literals) yields "[REDACTED]". Only `reveal()` hands out the value, and
 * it is called in exactly two places: the Secrets Manager call that stores a new key, and the STS client that
 * confirms the new key works.
 */
import { inspect } from 'node:util';
import { REDACTED } from '../secrets.js';

export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `SecretValue(${REDACTED})`;
  }
}
