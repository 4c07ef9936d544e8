/**
 * Base of every feature's exception: a stable machine-readable code plus the HTTP status it maps to.
 * Features subclass it and map their codes to statuses with an exhaustive switch.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  abstract get status(): number;
}
