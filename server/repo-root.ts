/**
 * The repository's root, for files the server reads beside its code (the
 * built editor, the demo document). Found from this file's folder, one
 * level down: the server's bundle (`server-build.ts`) runs from dist/, also
 * one level down, so the same path holds whether the server runs from its
 * sources or from the bundle.
 */
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
