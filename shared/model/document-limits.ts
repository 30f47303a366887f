/**
 * How large a document may grow, however the content arrives (typed in,
 * imported, added by 导入项目表, restored, carried into a successor): past
 * these, opening, checking and exporting it would no longer fit in a
 * client's or the server's time and memory. The largest department files
 * a few hundred 绩效目标表; 1,000 leaves room and keeps checks and the Word
 * export of a whole document within seconds.
 */

/** 绩效目标表 in one document. */
export const MAX_PROJECTS = 1000

/**
 * The stored document (snapshot and update log, as Yjs encodes it): well
 * under a connection's send buffer cap, so every client can still load it.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
