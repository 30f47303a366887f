import { describe, expect, it } from 'vitest'
import { gluedRows } from './glued-cells'

const SICHUAN = ['name', 'number', 'pair', 'number'] as const

describe('gluedRows', () => {
  it('reads rows whose target and actual are the same text, whatever the digits around them', () => {
    expect(gluedRows('安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10', SICHUAN)).toEqual([
      [['安装坡面水标尺', '10', '≥266米', '≥266米', '10'], ['水标尺宽度', '10', '≥50厘米', '≥50厘米', '10']],
    ])
    expect(gluedRows('项目(工程)验收合格率20100%100%20', SICHUAN)).toEqual([[['项目(工程)验收合格率', '20', '100%', '100%', '20']]])
    expect(gluedRows('项目计划总投资1020万元20万元10', SICHUAN)).toEqual([[['项目计划总投资', '10', '20万元', '20万元', '10']]])
  })

  it('gives no reading where target and actual differ, and two where the text allows two', () => {
    expect(gluedRows('安装坡面水标尺10≥266米250米8', SICHUAN)).toEqual([])
    expect(gluedRows('甲1111', ['name', 'number', 'number'])).toHaveLength(2)
  })
})
