/**
 * What a total that leaves projects out (`projectsLeftOut`) says after its figure. The outline, the
 * dashboard and its CSV say it alike; a file of its own, so the list page's bundle takes no rule with it.
 */
/** Why a project is left out of a total: its 预算数 is empty, no number, or a merged figure nobody typed. */
export const BUDGET_NOT_READ = '预算数未填、无法读出或待核对'

/** The projects left out, in words (「未计入 1 个项目：…」, a spreadsheet's column of its own); nothing when none is. */
export const projectsNotCounted = (projects: number): string => (projects > 0 ? `未计入 ${projects} 个项目：${BUDGET_NOT_READ}` : '')

/** Nothing when no project is left out. */
export const totalLeavesOut = (projects: number): string => (projects > 0 ? `（${projectsNotCounted(projects)}）` : '')
