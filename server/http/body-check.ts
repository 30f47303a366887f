/**
 * Small validators for request bodies, in the spirit of tldraw's
 * `validate`: each check takes the untrusted value and the path it sits
 * at, and returns the value typed (trimmed, for text) or throws
 * `InvalidField` naming that path (`project.code`). A route's check is
 * written once, in `request-bodies.ts`, against the shared route table.
 */

export class InvalidField extends Error {
  override readonly name = 'InvalidField'

  constructor(
    /** Where in the body, as `a.b.0`; '' for the body itself. */
    readonly path: string,
    message: string,
  ) {
    super(message)
  }
}

export type Check<T> = (value: unknown, path: string) => T

const refuse = (path: string, message: string | undefined, fallback: string): never => {
  throw new InvalidField(path, message ?? `${path || '请求内容'}：${fallback}`)
}

/** Text, trimmed unless `raw`; `min`/`max` count characters after trimming. */
export const text =
  (options: { min?: number; max?: number; raw?: boolean; pattern?: RegExp; message?: string } = {}): Check<string> =>
  (value, path) => {
    if (typeof value !== 'string') return refuse(path, options.message, '必须是文字')
    const result = options.raw ? value : value.trim()
    if (options.min !== undefined && result.length < options.min) return refuse(path, options.message, options.min === 1 ? '不能为空' : `至少 ${options.min} 个字`)
    if (options.max !== undefined && result.length > options.max) return refuse(path, options.message, `不能超过 ${options.max} 个字`)
    if (options.pattern && !options.pattern.test(result)) return refuse(path, options.message, '格式不对')
    return result
  }

export const integer =
  (options: { min?: number; max?: number; message?: string } = {}): Check<number> =>
  (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return refuse(path, options.message, '必须是整数')
    if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) return refuse(path, options.message, `必须在 ${options.min ?? '−∞'} 到 ${options.max ?? '∞'} 之间`)
    return value
  }

export const boolean =
  (message?: string): Check<boolean> =>
  (value, path) =>
    typeof value === 'boolean' ? value : refuse(path, message, '必须是 true 或 false')

/** One of a closed set, told by a type guard (`isRole`). */
export const oneOf =
  <T>(is: (value: unknown) => value is T, message: string): Check<T> =>
  (value, path) =>
    is(value) ? value : refuse(path, message, '')

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : check(value, path)

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path)

export const arrayOf =
  <T>(check: Check<T>, message?: string): Check<T[]> =>
  (value, path) =>
    Array.isArray(value) ? value.map((item, i) => check(item, path ? `${path}.${i}` : String(i))) : refuse(path, message, '必须是列表')

type Checked<S> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never }

/** An object with these fields (others are ignored); each field's check sees its own path. */
export const object =
  <S extends Record<string, Check<unknown>>>(shape: S, message?: string): Check<Checked<S>> =>
  (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(path, message, '必须是对象')
    const fields = value as Record<string, unknown>
    return Object.fromEntries(Object.entries(shape).map(([key, check]) => [key, check(fields[key], path ? `${path}.${key}` : key)])) as Checked<S>
  }
