/**
 * Performance marks of the steps of opening a document, read by `bench client` to say where the time goes:
 * the page's scripts (the editor's chunk included) running, the local copy read, the server's state in,
 * the editor built, the model and checks derived, every table of a short document drawn (project-placeholders.ts).
 * Steps may overlap: the bench reports when each was reached.
 */
export const OPEN_MARK = {
  scripts: 'jixiao:session-started',
  local: 'jixiao:local-copy-read',
  server: 'jixiao:server-synced',
  editor: 'jixiao:editor-built',
  derived: 'jixiao:model-derived',
  drawn: 'jixiao:all-drawn',
} as const
