/**
 * A core type as it arrives over the API: `JSON.stringify` turns each `Date` into its ISO 8601
 * string, so the tab derives its wire types from core's instead of declaring them again.
 */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [Key in keyof T]: Json<T[Key]> }
      : T;
