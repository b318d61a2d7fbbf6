/** Injection token of the process's PrincipalCache. */
export const PRINCIPAL_CACHE = Symbol('PRINCIPAL_CACHE');
