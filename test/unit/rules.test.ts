import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../client/i18n/strings.js'
import { readRecentBoards, rememberBoard } from '../../client/ui/recentBoards.js'
import { loadConfig } from '../../server/config.js'
import { parseClientControl, parseServerControl } from '../../shared/protocol/messages.js'
import { createBoardId, isBoardId } from '../../shared/schema/boardId.js'

describe('board ids', () => {
  it('are 22 base64url characters (128 bits) and differ each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, createBoardId))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(isBoardId(id)).toBe(true)
  })
  it.each(['', 'short', 'a'.repeat(23), '../../etc/passwd00000', 'AAAAAAAAAAAAAAAAAAAA+/'])('rejects %j', (value) => {
    expect(isBoardId(value)).toBe(false)
  })
})

describe('control messages', () => {
  it.each([
    ['{"type":"hello","protocol":1}', { type: 'hello', protocol: 1 }],
    ['{"type":"hello"}', null],
    ['{"type":"hello","protocol":1,"person":"someone"}', null],
    ['{"type":"ack","clocks":{}}', null],
    ['{"type":"vote","roundId":"r","cardId":"c","voterId":"someone"}', null],
    ['not json', null],
    ['null', null],
  ])('client %s parses to %j (anything else is badMessage)', (text, expected) => {
    const parsed = parseClientControl(text)
    if (expected) expect(parsed).toEqual({ ok: true, value: expected })
    else expect(parsed).toMatchObject({ ok: false, reason: 'badMessage' })
  })
  it.each([
    ['{"type":"ack","clocks":{"12":3}}', { type: 'ack', clocks: { '12': 3 } }],
    ['{"type":"ack","clocks":{"12":-1}}', null],
    ['{"type":"ack","clocks":{"12":"3"}}', null],
    ['{"type":"welcome","protocol":1,"connectionId":"c"}', { type: 'welcome', protocol: 1, connectionId: 'c' }],
    ['{"type":"rejected","reason":"invalidRecord"}', { type: 'rejected', reason: 'invalidRecord' }],
    ['{"type":"other"}', null],
  ])('server %s parses to %j', (text, expected) => {
    expect(parseServerControl(text)).toEqual(expected)
  })
})

describe('configuration', () => {
  it('defaults to port 8080 and ./data', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.dataDir).toMatch(/\/data$/)
    expect(config.databaseUrl).toBeNull()
    expect(config.limits).toEqual({})
  })
  it('reads the limits an operator sets', () => {
    expect(loadConfig({ KUILU_MAX_DOC_BYTES: '1048576', KUILU_MAX_UPDATES_PER_SECOND: '60' }).limits).toEqual({ maxDocBytes: 1048576, maxUpdatesPerSecond: 60 })
  })
  it('joins instances with Redis when they share KUILU_SECRET', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/kuilu', REDIS_URL: 'redis://cache', KUILU_SECRET: 'shared' })
    expect([config.redisUrl, config.secret]).toEqual(['redis://cache', 'shared'])
  })
  it.each([
    [{ PORT: 'abc' }, /PORT must be/],
    [{ PORT: '70000' }, /PORT must be/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start/],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL must start/],
    [{ DATABASE_URL: 'postgres://db/kuilu', REDIS_URL: 'redis://cache' }, /set KUILU_SECRET, the same on every instance/],
    [{ KUILU_MAX_UPDATES_PER_SECOND: '0' }, /KUILU_MAX_UPDATES_PER_SECOND must be a whole number/],
    [{ KUILU_MAX_DOC_BYTES: '1e3.5' }, /KUILU_MAX_DOC_BYTES must be a whole number/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('UI language and recent boards', () => {
  it.each([
    [['fi-FI', 'en'], 'fi'],
    [['en-GB', 'fi'], 'fi'],
    [['sv-SE'], 'sv'],
    [['sv-FI', 'fi-FI', 'en'], 'sv'],
    [['en-US', 'sv'], 'sv'],
    [['de-DE', 'en'], 'en'],
    [[], 'en'],
  ])('languages %j start in %s', (languages, expected) => {
    expect(detectLanguage(languages)).toBe(expected)
  })

  it('keeps recent boards newest first, without duplicates, at most 20', () => {
    const map = new Map<string, string>()
    const storage = { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) }
    for (let i = 0; i < 25; i++) rememberBoard(`board-${i}`, i, storage)
    rememberBoard('board-10', 100, storage)
    const recent = readRecentBoards(storage)
    expect(recent).toHaveLength(20)
    expect(recent[0]).toEqual({ id: 'board-10', openedAt: 100 })
    expect(recent.filter((board) => board.id === 'board-10')).toHaveLength(1)
  })

  it('reads a corrupt list as empty', () => {
    expect(readRecentBoards({ getItem: () => '{oops' })).toEqual([])
  })
})
