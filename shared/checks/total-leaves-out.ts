/**
 * What a total that leaves projects out (`projectsLeftOut`) says after its figure. The outline, the
 * dashboard and its CSV say it alike; a file of its own, so the list page's bundle takes no rule with it.
 */
export const totalLeavesOut = (projects: number): string => `（未计入 ${projects} 个项目：预算数未填、无法读出或待核对）`
