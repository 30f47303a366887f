import { describe, expect, it } from 'vitest'
import { csvCell, csvFile } from './csv'

describe('csv', () => {
  it('quotes cells and doubles quotes', () => {
    expect(csvCell('政法委')).toBe('"政法委"')
    expect(csvCell('a "b"')).toBe('"a ""b"""')
    expect(csvCell(null)).toBe('""')
    expect(csvCell(12)).toBe('"12"')
  })

  it('turns every cell a spreadsheet would run as a formula into text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}HYPERLINK("http://x")`)).toBe(`"'${start}HYPERLINK(""http://x"")"`)
    expect(csvCell('2022=好')).toBe('"2022=好"')
    expect(csvCell('-12.50')).toBe('"-12.50"')
    expect(csvCell('-1+1')).toBe('"\'-1+1"')
  })

  it('writes a BOM and CRLF lines', () => {
    expect(csvFile([['a', 'b'], ['=1', 2]])).toBe('\uFEFF"a","b"\r\n"\'=1","2"\r\n')
  })
})
