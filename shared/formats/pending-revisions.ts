/**
 * Tracked changes a file still holds, undecided: Word's w:ins/w:del, a web
 * page's <ins>/<del> (our own 含修订 exports write both). A reader takes
 * the file's current text — insertions kept, deletions left out, as if all
 * were accepted — and says so here, for the import to leave in the
 * document: a reviewer's suggestion must not come back as agreed text
 * unsaid.
 */

/** The note for `inserted` insertions and `deleted` deletions nobody decided ('' for none). */
export function pendingRevisionsNote(inserted: number, deleted: number): string {
  if (inserted + deleted === 0) return ''
  return `文件中有未接受或拒绝的修订（插入 ${inserted} 处、删除 ${deleted} 处），已按全部接受后的文字导入：请核对；如有不同意的修订，请在原文件中拒绝后重新导入`
}
