/**
 * Vitest's order of files, with the type check (`test/type-check.test.ts`)
 * moved to the front: it is one of the longest files on a clean clone and
 * sits at one core all along, so started last it would be the run's tail;
 * started first it overlaps everything else.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const TYPE_CHECK = /\/test\/type-check\.test\.ts$/

export class TypeCheckFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    return [...sorted.filter((file) => TYPE_CHECK.test(file.moduleId)), ...sorted.filter((file) => !TYPE_CHECK.test(file.moduleId))]
  }
}
