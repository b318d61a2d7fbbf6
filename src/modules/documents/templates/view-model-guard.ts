/**
 * Handlebars' strict mode checks only the values a template prints (`{{a.b}}`): the arguments
 * of helpers and block helpers (`{{#if a.b}}`, `{{#each a.list}}`, `{{#fact a.fact}}`) are
 * looked up leniently, so a missing field would silently take the `{{else}}` branch. The
 * render therefore reads the view model through this guard: reading a field that is not there
 * throws, naming the field's whole path. `null` is a value (the contract's "not known"); only
 * absence fails.
 */
const PASS_THROUGH = new Set(['toHTML', 'toJSON', 'then', 'constructor']);

export class MissingFieldError extends Error {
  constructor(readonly path: string) {
    super(`"${path}" not defined in the view model`);
    this.name = 'MissingFieldError';
  }
}

/** A guarded copy of `viewModel` (a copy, so a frozen input cannot break the proxy's invariants). */
export function guardViewModel<T extends object>(viewModel: T): T {
  const proxies = new WeakMap<object, object>();
  const wrap = (target: object, path: string): object => {
    const existing = proxies.get(target);
    if (existing) return existing;
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (typeof prop === 'symbol' || PASS_THROUGH.has(prop)) return Reflect.get(t, prop);
        const at = path ? `${path}.${prop}` : prop;
        if (!(prop in t)) throw new MissingFieldError(at);
        const value: unknown = Reflect.get(t, prop);
        return typeof value === 'object' && value !== null && Object.hasOwn(t, prop) ? wrap(value, at) : value;
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return wrap(structuredClone(viewModel), '') as T;
}
