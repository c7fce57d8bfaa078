// A compile-time check that two types are one: the same keys, optional ones included, each of the same type.
// Mutual assignability is not enough: `{ a: string }` and `{ a: string; b?: boolean }` are each assignable to
// the other, so a row type could gain an optional field that the backup's checker then refuses.

/** `true` when A and B are identical types (TypeScript's own identity test), else `false`. */
export type Exact<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
