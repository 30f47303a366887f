/**
 * The ProseMirror schema of a 绩效文本, built once from the Tiptap
 * extensions, for code that works without an editor (server, CLI, tests).
 */
import { getSchema } from '@tiptap/core'
import { documentExtensions } from './extensions'

export const documentSchema = getSchema(documentExtensions)

/** Bumped with every change to the schema; a migration and its test come with it. */
export const SCHEMA_VERSION = 1
