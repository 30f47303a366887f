/**
 * Why a use case will not do what it was asked: a kind the edges
 * translate (HTTP to a status, the CLI to an exit code), a stable
 * machine-readable code and a Chinese message for the person asking.
 */
export type RefusalKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable' | 'too-large'

export class Refusal extends Error {
  override readonly name = 'Refusal'

  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const invalid = (message: string) => new Refusal('invalid', 'bad-request', message)
export const forbidden = () => new Refusal('forbidden', 'forbidden', '您没有权限进行此操作')
export const documentNotFound = () => new Refusal('not-found', 'document-not-found', '文档不存在或您无权访问')
export const userNotFound = (message = '没有这个用户') => new Refusal('not-found', 'user-not-found', message)
/** Reviewing and writing kept apart (`../auth/review-separation.ts`): the rule's own message. */
export const separated = (message: string) => new Refusal('conflict', 'review-separation', message)
