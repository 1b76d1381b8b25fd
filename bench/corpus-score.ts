/**
 * Scores triage on labelled real pastes (the blind protocol of test/fixtures/corpus/BLIND.md).
 *
 *   npx tsx bench/corpus-score.ts [file.jsonl|dir ...]      score (default: test/fixtures/corpus/)
 *     --blind <batch>     append the figures to test/fixtures/corpus/BLIND.md with the engine commit; refused when
 *                         src/ has uncommitted changes (a blind figure must name the engine that produced it)
 *     --misses            list every case whose confirmed cause is not first, and every entity miss
 *     --counts            corpus size by confirmed cause and by client family
 *     --reliability       the reliability table (confidence bucket -> share right)
 *     --by-file           one line of figures per file
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CorpusCase,
  counts,
  loadFolder,
  loadJsonl,
  pct,
  reliabilityTable,
  score,
  summary,
} from './corpus/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(root, 'test', 'fixtures', 'corpus');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function main(argv: string[]): number {
  const paths: string[] = [];
  let blind: string | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--blind') blind = argv[++i];
    else if (arg.startsWith('--')) flags.add(arg);
    else paths.push(arg);
  }
  if (blind !== undefined && !/^[A-Za-z0-9._-]{1,80}$/.test(blind)) {
    process.stderr.write('--blind needs a batch name (letters, digits, . _ -)\n');
    return 2;
  }
  const cases: CorpusCase[] = [];
  for (const p of paths.length > 0 ? paths : [corpusDir]) {
    if (!existsSync(p)) {
      process.stderr.write(`no such file or folder: ${p}\n`);
      return 2;
    }
    cases.push(...(statSync(p).isDirectory() ? loadFolder(p) : loadJsonl(p)));
  }
  const s = score(cases);
  console.log(summary(s));
  if (flags.has('--by-file')) {
    for (const file of [...new Set(cases.map((c) => c.file))]) {
      console.log(`  ${file}: ${summary(score(cases.filter((c) => c.file === file)))}`);
    }
  }
  if (flags.has('--reliability')) console.log(reliabilityTable(s));
  if (flags.has('--counts')) {
    console.log('by confirmed cause:');
    for (const [k, n] of counts(cases, 'cause')) console.log(`  ${k.padEnd(28)} ${n}`);
    console.log('by client family:');
    for (const [k, n] of counts(cases, 'client')) console.log(`  ${k.padEnd(28)} ${n}`);
  }
  if (flags.has('--misses')) {
    for (const r of s.results) {
      const got = r.t.causes.map((c) => `${c.id}:${c.confidence}`).join(', ') || '(empty)';
      if (r.rank !== 0)
        console.log(`MISS ${r.c.id} [${r.c.client ?? '?'}] want ${r.c.labels[0]} (rank ${r.rank}), got ${got}`);
      for (const m of r.entityMisses) console.log(`ENTITY ${r.c.id} ${m}`);
    }
  }
  if (blind !== undefined) {
    const dirty = git('status', '--porcelain', '--', 'src');
    if (dirty.length > 0) {
      process.stderr.write('src/ has uncommitted changes: commit the engine first, a blind figure names its commit\n');
      return 1;
    }
    const commit = git('rev-parse', '--short=10', 'HEAD');
    const at = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const row = `| ${at} | ${blind} | ${s.size} | ${s.top1} (${pct(s.top1, s.size)}) | ${s.top3} (${pct(s.top3, s.size)}) | ${s.empty} | ${s.entitiesExact}/${s.entitiesLabelled} (${pct(s.entitiesExact, s.entitiesLabelled)}) | ${commit} |\n`;
    appendFileSync(join(corpusDir, 'BLIND.md'), row);
    console.log(`appended to test/fixtures/corpus/BLIND.md: ${row.trim()}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
