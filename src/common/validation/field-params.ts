/**
 * Base class of every object whose properties are record fields (the inside of `{"conversation": {...}}`).
 * Errors on its properties are 422 field errors; errors anywhere else (a missing or malformed wrapper,
 * query string, path id) are 400s, as in Papercups.
 */
export abstract class FieldParams {}
