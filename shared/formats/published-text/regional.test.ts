/**
 * Real forms from other regions (test/fixtures/formats/regional, from the
 * team kit): none is in the published layout. Each is refused naming what
 * it is and the project, never imported wrongly: the self-evaluation as a
 * self-evaluation, the single-project 申报表/审批表 as forms this reader
 * does not take yet.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importPublishedText } from './import'

const regional = (name: string) => importPublishedText(new Uint8Array(readFileSync(new URL(`../../../test/fixtures/formats/regional/${name}`, import.meta.url))))

describe('forms from other regions', () => {
  it.each([
    ['anhui-chizhou-tangxi-weituoyewu-zipingbiao-2022.txt', /^这是项目支出绩效自评表（项目：委托业务项目）/],
    ['chongqing-fengjie-yunwu-jiagongyuan-2023.txt', /^这是单个项目的绩效目标申报表（项目：2023年云雾土家族乡加工园配套设施建设项目）/],
    ['hunan-yueyang-gaobiaozhun-nongtian-2022.txt', /^这是单个项目的绩效目标申报表（项目：岳阳县2022年高标准农田建设项目）/],
    ['xiangtan-wupaoche-2023.txt', /^这是单个项目的绩效目标申报表（项目：雾炮车降尘抑尘服务）/],
  ])('%s is named, not imported wrongly', (name, says) => {
    const result = regional(name)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('not-budget-document')
      expect(result.error.message).toMatch(says)
    }
  })
})
