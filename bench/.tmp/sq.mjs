import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
const dir = mkdtempSync('/work/main/bench/.tmp/sq-')
const db = new Database(dir + '/t.db')
db.pragma('journal_mode = WAL'); db.pragma('synchronous = ' + process.argv[2])
db.exec('CREATE TABLE doc_updates (board_id TEXT NOT NULL, seq INTEGER NOT NULL, update_data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID')
const ins = db.prepare('INSERT INTO doc_updates VALUES (?, ?, ?)')
const per = Number(process.argv[3])
const tx = db.transaction((n, s) => { for (let i = 0; i < n; i++) ins.run('board' + ((s + i) % 50), s + i, Buffer.alloc(120, 7)) })
const c0 = process.cpuUsage(), t0 = performance.now()
const N = 3000
for (let s = 0; s < N; s += per) tx(per, s)
const c = process.cpuUsage(c0), t = performance.now() - t0
console.log(`sync=${process.argv[2]} per=${per}: wall/update ${(t*1000/N).toFixed(1)} µs, cpu user ${(c.user/N).toFixed(1)} sys ${(c.system/N).toFixed(1)} µs per update`)
