/** Performance marks of the steps of opening a document, read by `bench client` to say where the time goes. */
export const OPEN_MARK = { local: 'jixiao:local-copy-read', editor: 'jixiao:editor-built', derived: 'jixiao:model-derived' } as const
